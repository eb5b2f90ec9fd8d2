"""The footer pages and the feedback form: public, no one signed in.

Thin views (STYLE.md): the words are in the templates, the configuration they
describe comes from ``presenters``, writes go through ``actions``.
"""

import logging
import uuid

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from accounts.models import Service

from .. import presenters
from ..actions import record_feedback
from ..forms import FeedbackForm

logger = logging.getLogger(__name__)

# Per client address; a setting of the same name overrides it.
PUBLIC_FEEDBACK_RATE = "10/h"
RETRY_AFTER_SECONDS = 3600

read_only = require_http_methods(["GET", "HEAD"])


def _chosen_service(request):
    """The service named by ``?service=<slug>`` (links from a service's pages), or None."""
    slug = request.GET.get("service", "")
    if not slug or len(slug) > 50:
        return None
    return Service.objects.filter(slug=slug).first()


@read_only
def privacy(request):
    return render(
        request,
        "pages/privacy.html",
        {
            "organisation": presenters.organisation(),
            "film_retention": presenters.film_retention(),
            "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        },
    )


@read_only
def accessibility(request):
    return render(
        request,
        "pages/accessibility.html",
        {
            "organisation": presenters.organisation(),
            "idle": presenters.duration(settings.SESSION_COOKIE_AGE),
            "prepared": presenters.ACCESSIBILITY_STATEMENT_PREPARED,
            "reviewed": presenters.ACCESSIBILITY_STATEMENT_REVIEWED,
        },
    )


@read_only
def cookies(request):
    return render(request, "pages/cookies.html", {"cookies": presenters.cookies()})


@read_only
def contact(request):
    chosen = _chosen_service(request)
    services = [chosen] if chosen else list(Service.objects.all())
    return render(
        request,
        "pages/contact.html",
        {"chosen": chosen, "services": services, "organisation": presenters.organisation()},
    )


# --- Feedback ----------------------------------------------------------------------------


def _submission_key(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.uuid4()


def _too_many_attempts(request):
    response = render(request, "pages/too_many_attempts.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request):
    services = Service.objects.all()
    if not services.exists():
        return render(request, "pages/feedback_no_services.html")
    chosen = _chosen_service(request)
    if request.method == "POST":
        rate = getattr(settings, "PUBLIC_FEEDBACK_RATE", PUBLIC_FEEDBACK_RATE)
        if is_ratelimited(
            request, group="public_feedback", key="ip", rate=rate, method="POST", increment=True
        ):
            return _too_many_attempts(request)
        form = FeedbackForm(request.POST, services=services)
        if form.caught_in_honeypot:
            logger.warning("Feedback not stored: the hidden honeypot field was filled in")
            return render(request, "pages/feedback_refused.html", status=400)
        key = _submission_key(request.POST.get("key"))
        if form.is_valid():
            record_feedback(
                service=form.cleaned_data["service"],
                satisfaction=form.cleaned_data["satisfaction"],
                improve=form.cleaned_data["improve"].strip(),
                submission_key=key,
            )
            return redirect("pages:feedback_thanks")
    else:
        initial = {"service": chosen.slug} if chosen else {}
        form = FeedbackForm(initial=initial, services=services)
        key = uuid.uuid4()
    return render(
        request,
        "pages/feedback.html",
        {
            "form": form,
            "key": key,
            "honeypot": FeedbackForm.HONEYPOT,
            "service": form.only_service or chosen,
        },
    )


@read_only
def feedback_thanks(request):
    return render(request, "pages/feedback_thanks.html")
