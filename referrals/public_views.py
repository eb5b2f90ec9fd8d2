"""Public pages: the services, their information pages, and the referral forms.

Thin views: load the service and the person's journey (``referrals.journey``),
check the page's answers with its form, keep them in the session, and send the
finished referral through ``referrals.actions.submit_referral``. No public view
reads a referral except the one this session has just sent, and then only its
reference.
"""

import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from accounts.models import Service

from .actions import ReferralError, submit_referral
from .eligibility import describe_age_limit, parse_areas
from .journey import Journey, build, summary_sections
from .models import Route
from .public_forms import MAX_OTHER_CHILDREN, ServiceChoiceForm, SubmitForm, long_date

logger = logging.getLogger(__name__)

OPEN_FLAG = {Route.SELF: "self_referral_open", Route.PROFESSIONAL: "professional_referral_open"}

# Per client address, across all services (docs/adr/0004). A settings value of the
# same name overrides each default.
RATES = {
    "PUBLIC_ELIGIBILITY_RATE": "50/h",  # postcode, born, date of birth, due date
    "PUBLIC_SUBMIT_RATE": "20/h",  # "Send referral"
}
RETRY_AFTER_SECONDS = 3600

STEP_TEMPLATES = {"other-children": "referrals/public/other_children.html"}
SESSION_ENDED = (
    "We could not find your earlier answers. This happens if you did not use the form for "
    "30 minutes or closed your browser. Please start again."
)


# --- Service pages ---------------------------------------------------------------------


def _join_or(items):
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def who_it_is_for(service):
    """The service's eligibility configuration in words, one line per rule."""
    lines = []
    try:
        areas = parse_areas(service.eligible_areas)
    except ValidationError:  # the admin checks the areas; never break a public page
        logger.exception("Service %s has eligible areas that cannot be read", service.slug)
        areas = []
    if areas:
        lines.append(f"live in the {_join_or(areas)} postcode area{'s' if len(areas) > 1 else ''}")
    limit = describe_age_limit(service.max_child_age_months)
    child = "a baby or child" if service.max_child_age_months <= 24 else "a child"
    if service.accepts_unborn:
        lines.append(f"have {child} {limit}, or are expecting a baby")
    else:
        lines.append(f"have {child} {limit}")
    if service.requires_relationship_need:
        lines.append(
            "have an identified need in the relationship between parent and baby, noticed by "
            "a professional such as a health visitor, midwife or GP"
        )
    return lines


@require_http_methods(["GET", "HEAD"])
def service_list(request):
    return render(request, "start.html", {"services": Service.objects.all()})


@require_http_methods(["GET", "HEAD"])
def service_page(request, slug):
    service = get_object_or_404(Service, slug=slug)
    return render(
        request,
        "referrals/public/service.html",
        {"service": service, "who_it_is_for": who_it_is_for(service)},
    )


# --- Shared pieces ----------------------------------------------------------------------


def _rate_limited(request, setting):
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
            return _closed(request, service, route)
        return view(request, Journey(request, service, route), **kwargs)

    return wrapper


def _closed(request, service, route):
    return render(
        request,
        "referrals/public/closed.html",
        {"service": service, "professional": route == Route.PROFESSIONAL},
        status=404,
    )


def _common(journey, **extra):
    return {
        "service": journey.service,
        "professional": journey.route == Route.PROFESSIONAL,
        "journey_name": "Refer a family"
        if journey.route == Route.PROFESSIONAL
        else "Refer yourself",
        **extra,
    }


def _redirect_to_progress(journey, progress):
    """Where a person who jumped ahead (or whose answers changed) should be."""
    if progress.ineligible:
        journey.not_eligible(progress.ineligible)
        return redirect(journey.url("not_eligible"))
    step = progress.first_incomplete
    if step is None:
        return redirect(journey.url("check"))
    return redirect(journey.step_url(step.name))


def _load(request, journey):
    """The progress of a journey in hand, or a redirect to where it should be."""
    if journey.submitted:
        return None, redirect(journey.url("confirmation"))
    if not journey.started:
        messages.info(request, SESSION_ENDED)
        journey.start()
        return None, redirect(journey.step_url(journey.flow[0].name))
    progress = journey.evaluate()
    if progress.ineligible:
        return None, _redirect_to_progress(journey, progress)
    return progress, None


def _continue_url(journey, progress, after, change):
    if change:
        step = progress.first_incomplete
        return journey.step_url(step.name, change=True) if step else journey.url("check")
    following = progress.next_after(after)
    return journey.step_url(following) if following else journey.url("check")


# --- Choosing a service and starting ------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def choose_service(request, route):
    professional = route == Route.PROFESSIONAL
    services = list(Service.objects.filter(**{OPEN_FLAG[route]: True}))
    if not services:
        return render(
            request,
            "referrals/public/no_services.html",
            {"services": Service.objects.all(), "professional": professional},
        )
    start_name = f"public:{route}_start"
    if len(services) == 1:
        return redirect(start_name, slug=services[0].slug)
    form = ServiceChoiceForm(
        request.POST if request.method == "POST" else None,
        services=services,
        professional=professional,
    )
    if form.is_valid():
        return redirect(start_name, slug=form.cleaned_data["service"])
    return render(
        request,
        "referrals/public/choose_service.html",
        {
            "form": form,
            "professional": professional,
            "services": [(service, who_it_is_for(service)) for service in services],
        },
    )


@journey_view
def start(request, journey):
    if journey.submitted:
        journey.restart()  # a new referral; the last one's confirmation has been seen
    return render(
        request,
        "referrals/public/journey_start.html",
        _common(
            journey,
            first_url=journey.step_url(journey.flow[0].name),
            who_it_is_for=who_it_is_for(journey.service),
        ),
    )


# --- Question pages --------------------------------------------------------------------------


@journey_view
def step(request, journey, step):
    step = journey.step(step)
    if step is None:
        raise Http404
    if not journey.started and step is journey.flow[0]:
        journey.start()
    progress, elsewhere = _load(request, journey)
    if elsewhere:
        return elsewhere
    if not progress.reachable(step.name):
        return _redirect_to_progress(journey, progress)
    change = request.GET.get("change") == "1"
    result = next(r for r in progress.results if r.step is step)
    form = result.form
    if request.method == "POST":
        if step.eligibility and _rate_limited(request, "PUBLIC_ELIGIBILITY_RATE"):
            return too_many_attempts(request, journey.service)
        form = step.form_class(data=request.POST, ctx=form.ctx)
        if form.is_valid():
            return _saved(journey, step, form, change)
    back_url = journey.url("check") if change else None
    if back_url is None:
        previous = progress.previous(step.name)
        back_url = journey.step_url(previous) if previous else journey.url("start")
    context = _common(journey, form=form, step=step, back_url=back_url)
    if step.name == "other-children":
        context["children"] = _children_rows(journey, progress)
    return render(request, STEP_TEMPLATES.get(step.name, "referrals/public/question.html"), context)


def _saved(journey, step, form, change):
    cleaned = form.cleaned_data
    if step.name == "family-agreed" and cleaned["family_agreed"] is False:
        journey.forget(step.name)
        journey.forget_family()
        return redirect(journey.url("not_agreed"))
    if step.name == "other-children" and cleaned.get("add_another"):
        return redirect(journey.url("add_child") + ("?change=1" if change else ""))
    journey.save(step, form)
    progress = journey.evaluate()
    if progress.ineligible:
        journey.not_eligible(progress.ineligible)
        return redirect(journey.url("not_eligible"))
    return redirect(_continue_url(journey, progress, step.name, change))


def _children_rows(journey, progress):
    answers = progress.answers
    name = f"{answers['child_first_name']} {answers['child_last_name']}".strip()
    if answers["born"]:
        first = (name or "Your child", f"Born {long_date(answers['date_of_birth'])}")
    else:
        first = (name or "Unborn baby", f"Due {long_date(answers['due_date'])}")
    rows = [
        {"label": first[0], "value": first[1], "change_url": journey.step_url("child")},
    ]
    for index, child in enumerate(progress.children):
        rows.append(
            {
                "label": f"{child['first_name']} {child['last_name']}".strip(),
                "value": f"Born {long_date(child['date_of_birth'])}",
                "change_url": journey.url("edit_child", index=index),
                "remove_url": journey.url("remove_child", index=index),
            }
        )
    return rows


# --- Other children: add, change, remove ---------------------------------------------------------


def _child_page_allowed(request, journey):
    progress, elsewhere = _load(request, journey)
    if elsewhere:
        return None, elsewhere
    if not progress.reachable("other-children"):
        return None, _redirect_to_progress(journey, progress)
    return progress, None


def _after_child_change(journey, change):
    if change:
        progress = journey.evaluate()
        if progress.complete:
            return redirect(journey.url("check"))
        return _redirect_to_progress(journey, progress)
    return redirect(journey.step_url("other-children"))


@journey_view
def add_child(request, journey):
    return _child_page(request, journey, index=None)


@journey_view
def edit_child(request, journey, index):
    return _child_page(request, journey, index=index)


def _child_page(request, journey, index):
    progress, elsewhere = _child_page_allowed(request, journey)
    if elsewhere:
        return elsewhere
    saved = journey.other_children_data
    if index is not None and index >= len(saved):
        raise Http404
    if index is None and len(saved) >= MAX_OTHER_CHILDREN:
        return redirect(journey.step_url("other-children"))
    change = request.GET.get("change") == "1"
    if request.method == "POST":
        form = journey.child_form(request.POST)
        if form.is_valid():
            journey.save_child(form, index)
            return _after_child_change(journey, change)
    else:
        form = journey.child_form(saved[index] if index is not None else None)
    back_url = journey.url("check") if change else journey.step_url("other-children")
    return render(
        request,
        "referrals/public/question.html",
        _common(journey, form=form, back_url=back_url),
    )


@journey_view
def remove_child(request, journey, index):
    progress, elsewhere = _child_page_allowed(request, journey)
    if elsewhere:
        return elsewhere
    if index >= len(journey.other_children_data):
        raise Http404
    change = request.GET.get("change") == "1"
    if request.method == "POST":
        journey.remove_child(index)
        return _after_child_change(journey, change)
    child = journey.child_form(journey.other_children_data[index])
    child.is_valid()
    name = " ".join(
        filter(None, [child.cleaned_data.get("first_name"), child.cleaned_data.get("last_name")])
    )
    back_url = journey.url("check") if change else journey.step_url("other-children")
    return render(
        request,
        "referrals/public/remove_child.html",
        _common(journey, child_name=name or "this child", back_url=back_url),
    )


# --- Check, send, confirm ---------------------------------------------------------------------


@journey_view
def check_answers(request, journey):
    progress, elsewhere = _load(request, journey)
    if elsewhere:
        return elsewhere
    if not progress.complete:
        return _redirect_to_progress(journey, progress)
    if request.method == "POST":
        if _rate_limited(request, "PUBLIC_SUBMIT_RATE"):
            return too_many_attempts(request, journey.service)
        if SubmitForm(request.POST).caught_in_honeypot:
            logger.warning(
                "Referral not stored: the hidden honeypot field was filled in (%s, %s)",
                journey.route,
                journey.service.slug,
            )
            return render(request, "referrals/public/refused.html", _common(journey), status=400)
        source, caregiver, details = build(journey, progress)
        try:
            referral, _created = submit_referral(
                service=journey.service,
                route=journey.route,
                source=source,
                caregiver=caregiver,
                details=details,
                submission_key=journey.submission_key,
                request=request,
            )
        except ReferralError:
            return _closed(request, journey.service, journey.route)
        professional = journey.route == Route.PROFESSIONAL
        emailed = bool(details.referrer_email if professional else caregiver.email)
        journey.finish(referral, emailed=emailed)
        return redirect(journey.url("confirmation"))
    return render(
        request,
        "referrals/public/check_answers.html",
        _common(
            journey,
            sections=summary_sections(journey, progress),
            back_url=journey.step_url(progress.results[-1].step.name),
            honeypot=SubmitForm.HONEYPOT,
        ),
    )


@journey_view
def confirmation(request, journey):
    if not journey.submitted:
        return redirect(journey.url("start"))
    return render(
        request,
        "referrals/public/confirmation.html",
        _common(journey, reference=journey.reference, emailed=journey.emailed),
    )


# --- Pages that stop a journey -------------------------------------------------------------------


@journey_view
def not_eligible(request, journey):
    reasons = journey.ineligible_reasons
    if not reasons:
        return redirect(journey.url("start"))
    others = Service.objects.filter(**{OPEN_FLAG[journey.route]: True}).exclude(
        pk=journey.service.pk
    )
    return render(
        request,
        "referrals/public/not_eligible.html",
        _common(
            journey,
            reasons=reasons,
            other_services=others,
            postcode_url=journey.step_url("postcode"),
        ),
    )


@journey_view
def not_agreed(request, journey):
    if journey.route != Route.PROFESSIONAL:
        raise Http404
    return render(
        request,
        "referrals/public/family_not_agreed.html",
        _common(journey, back_url=journey.step_url("family-agreed")),
    )
