"""What every public referral page shares: loading the service and the person's
journey, the rate limits, and where a person who jumped ahead should be.

No public view reads a referral except the one this session has just sent, and
then only its reference.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from accounts.models import Service

from ...journey import Journey
from ...models import Route

OPEN_FLAG = {Route.SELF: "self_referral_open", Route.PROFESSIONAL: "professional_referral_open"}

# Per client address, across all services (docs/adr/0004). A settings value of the
# same name overrides each default.
RATES = {
    "PUBLIC_ELIGIBILITY_RATE": "50/h",  # postcode, born, date of birth, due date
    "PUBLIC_SUBMIT_RATE": "20/h",  # "Send referral"
}
RETRY_AFTER_SECONDS = 3600

SESSION_ENDED = (
    "We could not find your earlier answers. This happens if you did not use the form for "
    "30 minutes or closed your browser. Please start again."
)


def rate_limited(request, setting):
    rate = getattr(settings, setting, RATES[setting])
    return is_ratelimited(
        request, group=setting.lower(), key="ip", rate=rate, method="POST", increment=True
    )


def too_many_attempts(request, service=None):
    response = render(
        request, "referrals/public/too_many_attempts.html", {"service": service}, status=429
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def csrf_failure(request, reason=""):
    """Django's CSRF check failed (CSRF_FAILURE_VIEW): say what to do, in plain words."""
    return render(request, "referrals/public/csrf_failure.html", status=403)


def journey_view(view):
    """Load the service (404 if unknown; a friendly page if this route is closed) and the
    person's journey for it; never cache these pages, which show a family's answers."""

    @wraps(view)
    @never_cache
    @require_http_methods(["GET", "POST"])
    def wrapper(request, route, slug, **kwargs):
        service = get_object_or_404(Service, slug=slug)
        if not getattr(service, OPEN_FLAG[route]):
            return closed(request, service, route)
        return view(request, Journey(request, service, route), **kwargs)

    return wrapper


def closed(request, service, route):
    return render(
        request,
        "referrals/public/closed.html",
        {"service": service, "professional": route == Route.PROFESSIONAL},
        status=404,
    )


def page_context(journey, **extra):
    return {
        "service": journey.service,
        "professional": journey.route == Route.PROFESSIONAL,
        "journey_name": "Refer a family"
        if journey.route == Route.PROFESSIONAL
        else "Refer yourself",
        **extra,
    }


def redirect_to_progress(journey, progress):
    """Where a person who jumped ahead (or whose answers changed) should be."""
    if progress.ineligible:
        journey.not_eligible(progress.ineligible)
        return redirect(journey.url("not_eligible"))
    step = progress.first_incomplete
    if step is None:
        return redirect(journey.url("check"))
    return redirect(journey.step_url(step.name))


def load_progress(request, journey):
    """The progress of a journey in hand, or a redirect to where it should be."""
    if journey.submitted:
        return None, redirect(journey.url("confirmation"))
    if not journey.started:
        messages.info(request, SESSION_ENDED)
        journey.start()
        return None, redirect(journey.step_url(journey.flow[0].name))
    progress = journey.evaluate()
    if progress.ineligible:
        return None, redirect_to_progress(journey, progress)
    return progress, None


def continue_url(journey, progress, after, change):
    if change:
        step = progress.first_incomplete
        return journey.step_url(step.name, change=True) if step else journey.url("check")
    following = progress.next_after(after)
    return journey.step_url(following) if following else journey.url("check")
