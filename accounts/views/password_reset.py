"""Forgotten passwords: a link by email, then a new password.

The pages are Django's own views with our forms, templates and wording.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django_ratelimit.core import is_ratelimited

from ..auth_actions import note_password_reset_requested
from ..forms import NewPasswordForm, PasswordResetRequestForm


def _duration_in_words(seconds):
    hours, rest = divmod(int(seconds), 3600)
    if hours and not rest:
        return "1 hour" if hours == 1 else f"{hours} hours"
    minutes = max(1, round(seconds / 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for an email address and sends a link if it belongs to an account.

    The next page is the same either way, so the form never tells a
    stranger whether an address has an account.
    """

    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset/request.html"
    # Per client address: enough for a team sharing one NHS address, too few to
    # flood someone's inbox with reset emails.
    rate = "20/h"

    def post(self, request, *args, **kwargs):
        if is_ratelimited(
            request, group="password_reset", key="ip", rate=self.rate, method="POST", increment=True
        ):
            response = render(request, "referrals/public/too_many_attempts.html", status=429)
            response["Retry-After"] = "3600"
            return response
        return super().post(request, *args, **kwargs)

    subject_template_name = "accounts/password_reset/email_subject.txt"
    email_template_name = "accounts/password_reset/email.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Links point at the configured site address, never at the Host header.
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "service_name": settings.SERVICE_NAME,
            "link_lifetime": _duration_in_words(settings.PASSWORD_RESET_TIMEOUT),
        }
        response = super().form_valid(form)
        email = form.cleaned_data["email"]
        note_password_reset_requested(
            email=email, users=list(form.get_users(email)), request=self.request
        )
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset/done.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["link_lifetime"] = _duration_in_words(settings.PASSWORD_RESET_TIMEOUT)
        return context


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset/confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["link_lifetime"] = _duration_in_words(settings.PASSWORD_RESET_TIMEOUT)
        return context


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset/complete.html"
