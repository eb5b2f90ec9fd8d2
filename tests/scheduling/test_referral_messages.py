"""Staff and referrers hear what they need: allocation, and triage decisions."""

import pytest

from referrals import actions as referral_actions
from referrals.models import Route
from scheduling.models import StaffTask, TaskKind
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db


def test_allocation_tells_the_practitioner(
    waiting, practitioner, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral_actions.allocate(referral=waiting, practitioner=practitioner, by=team_lead)
    task = StaffTask.objects.get(kind=TaskKind.NEW_FAMILY)
    assert task.assignee == practitioner
    assert [m.to for m in mailoutbox] == [[practitioner.email]]
    assert waiting.reference in mailoutbox[0].subject


def test_declining_a_professional_referral_tells_the_referrer_why(
    service, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    referral = make_referral(service, route=Route.PROFESSIONAL)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_actions.triage(
            referral=referral,
            decision="decline",
            priority=1,
            note="The baby is older than we can help.",
            by=team_lead,
        )
    (email,) = mailoutbox
    assert email.to == ["pat.midwife@nhs.invalid"]
    assert "Why: The baby is older than we can help." in email.body


def test_asking_a_no_messages_family_for_information_asks_the_team_to_phone(
    service, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    referral = make_referral(service, safe_to_leave_message=False)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_actions.triage(
            referral=referral,
            decision="request_info",
            priority=1,
            note="How old is your baby?",
            by=team_lead,
        )
    assert mailoutbox == []
    (task,) = StaffTask.objects.filter(kind=TaskKind.PHONE_FAMILY, referral=referral)
    assert "what was decided" in task.title and task.assignee is None


def test_a_self_referred_family_who_may_be_written_to_hears_the_question(
    service, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    referral = make_referral(service, safe_to_leave_message=True)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_actions.triage(
            referral=referral,
            decision="request_info",
            priority=1,
            note="How old is your baby?",
            by=team_lead,
        )
    (email,) = mailoutbox
    assert email.to == ["sam.jones@family.invalid"]
    assert "What we need: How old is your baby?" in email.body
