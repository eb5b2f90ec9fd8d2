"""Staff sign-in with a second factor, the staff home, and the audit trail.

Signing in takes two steps: email and password (``login``), then a code from
an authenticator app or a backup code (``two_factor``). A person with no app
set up yet is taken through ``two_factor_setup`` and shown backup codes.
``accounts.middleware.StaffAccessMiddleware`` keeps everyone else out of
/staff/ and /admin/ until both steps are done.
"""

from urllib.parse import urlencode
from xml.etree import ElementTree

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import is_ratelimited

from . import audit, queries
from .auth_actions import (
    CodeCheck,
    backup_codes_left,
    confirm_totp_device,
    enrol_totp_device,
    note_password_reset_requested,
    readable_key,
    regenerate_backup_codes,
    sign_in_without_second_factor,
    verify_second_factor,
)
from .forms import (
    AuditTrailFilterForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    SecurityCodeForm,
    SetUpAuthenticatorForm,
    SignInForm,
)
from .middleware import is_fully_signed_in
from .models import AuditAction, User
from .permissions import Permission, has_permission, permission_required

# Backup codes just made, held in the session until the page shows them once.
FRESH_BACKUP_CODES_SESSION_KEY = "accounts_fresh_backup_codes"
AUDIT_EVENTS_PER_PAGE = 50

WRONG_CODE_MESSAGE = (
    "Security code is not correct. Enter the latest code from your app, "
    "or a backup code you have not used before"
)
WRONG_SET_UP_CODE_MESSAGE = (
    "Code is not correct. Check the time on your phone is right, then enter the latest code"
)
THROTTLED_MESSAGE = "Too many wrong codes. Wait a minute and try again"


# --- Where to go next ---------------------------------------------------------


def _next_url(request):
    """The ``next`` page asked for, if it is on this site; else ""."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _url_with_next(url_name, next_url):
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _go_next(next_url):
    return redirect(next_url or reverse("accounts:home"))


def _second_factor_relaxed():
    return settings.DEBUG and settings.OTP_RELAXED_FOR_DEVELOPMENT


def _has_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


# --- Signing in ---------------------------------------------------------------


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = _next_url(request)
    if request.method == "GET" and is_fully_signed_in(request.user):
        return _go_next(next_url)

    form = SignInForm(request.POST if request.method == "POST" else None, request=request)
    if form.is_bound and form.is_valid():
        auth_login(request, form.user)
        if _second_factor_relaxed():
            sign_in_without_second_factor(request=request)
            return _go_next(next_url)
        return redirect(_url_with_next("accounts:two_factor", next_url))
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request):
    user = request.user
    next_url = _next_url(request)
    if not user.is_authenticated:
        return redirect(_url_with_next("accounts:login", next_url))
    if is_fully_signed_in(user):
        return _go_next(next_url)
    if not _has_authenticator(user):
        return redirect(_url_with_next("accounts:two_factor_setup", next_url))

    form = SecurityCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        outcome = verify_second_factor(request=request, code=form.cleaned_data["code"])
        if outcome is CodeCheck.ACCEPTED:
            return _go_next(next_url)
        form.add_error(
            "code", THROTTLED_MESSAGE if outcome is CodeCheck.THROTTLED else WRONG_CODE_MESSAGE
        )
    return render(request, "accounts/two_factor.html", {"form": form, "next": next_url})


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """First sign-in: link an authenticator app by scanning a QR code."""
    user = request.user
    next_url = _next_url(request)
    if not user.is_authenticated:
        return redirect(_url_with_next("accounts:login", next_url))
    if _has_authenticator(user):
        # Replacing an app needs the old one (or an administrator), never
        # just a password.
        return redirect(_url_with_next("accounts:two_factor", next_url))

    device = enrol_totp_device(user=user)
    form = SetUpAuthenticatorForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        outcome = confirm_totp_device(
            request=request, device=device, code=form.cleaned_data["code"]
        )
        if outcome is CodeCheck.ACCEPTED:
            codes = regenerate_backup_codes(user=user, request=request)
            request.session[FRESH_BACKUP_CODES_SESSION_KEY] = codes
            return redirect(_url_with_next("accounts:backup_codes", next_url))
        form.add_error(
            "code",
            THROTTLED_MESSAGE if outcome is CodeCheck.THROTTLED else WRONG_SET_UP_CODE_MESSAGE,
        )
    context = {
        "form": form,
        "next": next_url,
        "qr_code": qr_code_svg(device.config_url),
        "secret_key": readable_key(device),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def qr_code_svg(data):
    """An inline SVG QR code, drawn on the server.

    Only presentation attributes, no ``style``: the Content-Security-Policy
    forbids inline styles. It has a text alternative for screen readers.
    """
    qr = qrcode.QRCode(image_factory=qrcode.image.svg.SvgPathFillImage, border=4)
    qr.add_data(data)
    svg = qr.make_image()._img
    svg.attrib.pop("width", None)
    svg.attrib.pop("height", None)
    svg.set("width", "200")
    svg.set("height", "200")
    svg.set("class", "app-qr-code")
    svg.set("role", "img")
    svg.set("aria-labelledby", "qr-code-title")
    for child in svg:
        child.attrib.pop("id", None)
    title = ElementTree.Element("title", id="qr-code-title")
    title.text = "QR code to scan with your authenticator app"
    svg.insert(0, title)
    return ElementTree.tostring(svg, encoding="unicode")


@never_cache
@require_http_methods(["GET", "POST"])
def backup_codes(request):
    """Shows new backup codes once; later, how many are left and a way to replace them."""
    next_url = _next_url(request)
    if request.method == "POST":
        codes = regenerate_backup_codes(user=request.user, request=request)
        request.session[FRESH_BACKUP_CODES_SESSION_KEY] = codes
        return redirect(_url_with_next("accounts:backup_codes", next_url))

    codes = request.session.pop(FRESH_BACKUP_CODES_SESSION_KEY, None)
    context = {
        "codes": [f"{code[:4]} {code[4:]}" for code in codes or ()],
        "codes_left": None if codes else backup_codes_left(request.user),
        "next": next_url,
        "continue_url": next_url or reverse("accounts:home"),
    }
    return render(request, "accounts/backup_codes.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_out(request):
    """GET asks to confirm; only a POST signs out (a link or prefetch never does)."""
    if request.method == "POST":
        auth_logout(request)
        messages.success(request, "You have signed out")
        return redirect("accounts:login")
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return render(request, "accounts/sign_out.html")


# --- Password reset -------------------------------------------------------------


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


# --- Staff pages ------------------------------------------------------------------


@permission_required(Permission.VIEW_STAFF_AREA)
def home(request):
    user = request.user
    context = {
        "role": user.get_role_display(),
        "team": user.team.name if user.team_id else "",
        "can_view_audit_trail": has_permission(user, Permission.VIEW_AUDIT_TRAIL),
    }
    return render(request, "accounts/home.html", context)


@permission_required(Permission.VIEW_AUDIT_TRAIL)
def audit_trail(request):
    """The team's audit trail, newest first, 50 a page. Reading it is audited too."""
    user = request.user
    colleagues = User.objects.visible_to(user).order_by("full_name", "email")
    filter_params = {k: v for k, v in request.GET.items() if k != "page"}
    form = AuditTrailFilterForm(filter_params or None, colleagues=colleagues)
    filters = form.filters()

    events = queries.audit_trail(user, **filters)
    page = Paginator(events, AUDIT_EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = _audit_rows(user, list(page.object_list))

    audit.record(
        AuditAction.AUDIT_VIEWED,
        actor=user,
        request=request,
        details={**_describe_filters(filters), "page": page.number},
    )
    querystring = urlencode(filter_params)
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "previous_url": _page_url(querystring, page.previous_page_number())
        if page.has_previous()
        else "",
        "next_url": _page_url(querystring, page.next_page_number()) if page.has_next() else "",
        "filtered": any(filters.values()),
    }
    return render(request, "accounts/audit_trail.html", context)


def _page_url(querystring, number):
    return f"?{querystring}&page={number}" if querystring else f"?page={number}"


def _describe_filters(filters):
    described = {}
    for name, value in filters.items():
        if not value:
            continue
        if name == "person":
            described["person_id"] = value.pk
            described["person_email"] = value.email
        elif hasattr(value, "isoformat"):
            described[name] = value.isoformat()
        else:
            described[name] = value
    return described


def _audit_rows(user, events):
    """Table rows for a page of events, naming people with one query in all."""
    user_label = User._meta.label_lower
    user_ids = {event.actor_id for event in events}
    user_ids |= {
        int(event.target_id)
        for event in events
        if event.target_type == user_label and event.target_id.isdigit()
    }
    names = queries.names_of_colleagues(user, user_ids)

    rows = []
    for event in events:
        if event.target_type == user_label and event.target_id.isdigit():
            target = names.get(int(event.target_id)) or "Staff account"
        elif event.target_type:
            target = f"{_model_name(event.target_type)} {event.target_id}"
        else:
            target = ""
        rows.append(
            {
                "when": event.created_at,
                "person": names.get(event.actor_id) or event.actor_label or "Not known",
                "action": event.action_label,
                "record": target,
                "family_reference": event.family_reference,
                "ip_address": event.ip_address or "",
            }
        )
    return rows


def _model_name(label):
    from django.apps import apps

    try:
        return capfirst(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label
