"""How a journey ends: checked and sent, then confirmed; or stopped because the
family is not eligible or has not agreed to a professional's referral."""

import logging

from django.http import Http404
from django.shortcuts import redirect, render

from accounts.models import Service

from ...actions import ReferralError, submit_referral
from ...journey import build, summary_sections
from ...models import Route
from ...public_forms import SubmitForm
from .common import (
    OPEN_FLAG,
    closed,
    journey_view,
    load_progress,
    page_context,
    rate_limited,
    redirect_to_progress,
    too_many_attempts,
)

logger = logging.getLogger(__name__)


@journey_view
def check_answers(request, journey):
    progress, elsewhere = load_progress(request, journey)
    if elsewhere:
        return elsewhere
    if not progress.complete:
        return redirect_to_progress(journey, progress)
    if request.method == "POST":
        if rate_limited(request, "PUBLIC_SUBMIT_RATE"):
            return too_many_attempts(request, journey.service)
        if SubmitForm(request.POST).caught_in_honeypot:
            logger.warning(
                "Referral not stored: the hidden honeypot field was filled in (%s, %s)",
                journey.route,
                journey.service.slug,
            )
            return render(
                request, "referrals/public/refused.html", page_context(journey), status=400
            )
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
            return closed(request, journey.service, journey.route)
        professional = journey.route == Route.PROFESSIONAL
        emailed = bool(details.referrer_email if professional else caregiver.email)
        journey.finish(referral, emailed=emailed)
        return redirect(journey.url("confirmation"))
    return render(
        request,
        "referrals/public/check_answers.html",
        page_context(
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
        page_context(journey, reference=journey.reference, emailed=journey.emailed),
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
        page_context(
            journey,
            reasons=reasons,
            other_services=others,
            postcode_url=journey.step_url(journey.first_eligibility_step.name),
        ),
    )


@journey_view
def not_agreed(request, journey):
    if journey.route != Route.PROFESSIONAL:
        raise Http404
    return render(
        request,
        "referrals/public/family_not_agreed.html",
        page_context(journey, back_url=journey.step_url("family-agreed")),
    )
