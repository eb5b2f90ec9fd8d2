"""A family's programme in a known state, made through the actions."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from consent.actions import record_consent
from consent.models import ConsentFormVersion, Method, Scope
from referrals import actions as referral_actions
from tests.referrals.helpers import make_referral

CONSENT_TEXT = (
    "We would like to film you and your baby for a few minutes, so that we can watch the "
    "film together. You can ask us to stop filming at any time."
)


def consent_form(service, version="1.0", effective_from=date(2026, 1, 1)):
    form, _ = ConsentFormVersion.objects.get_or_create(
        service=service,
        version=version,
        defaults={"effective_from": effective_from, "text": CONSENT_TEXT},
    )
    return form


def open_programme(service, *, team_lead, practitioner, **referral_kwargs):
    referral = make_referral(service, **referral_kwargs)
    referral_actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    referral_actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
    referral.refresh_from_db()
    return referral.programme


def give_consent(programme, by, *, yes=True, except_scopes=()):
    consent_form(programme.referral.service)
    caregiver = programme.referral.caregivers.first()
    answers = {scope: (yes and scope not in except_scopes) for scope in Scope.values}
    return record_consent(
        programme=programme,
        caregiver=caregiver,
        answers=answers,
        method=Method.SIGNED_ON_SCREEN,
        signed_name=caregiver.full_name,
        by=by,
    )


def at(days=1, hour=10, minute=0):
    """An aware datetime ``days`` from today at ``hour:minute`` local time."""
    day = timezone.localdate() + timedelta(days=days)
    tz = timezone.get_current_timezone()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
