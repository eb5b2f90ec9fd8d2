"""Each caregiver's contact preferences govern every message, old and new."""

import pytest
from django.core import mail

from accounts.models import Role
from referrals.models import Caregiver
from scheduling import contact
from scheduling.models import Channel, MessageLog, MessageStatus, StaffTask, TaskKind
from sessions import actions
from sessions.actions import ProgrammeError
from sessions.models import DeliveryMethod
from tests.factories import UserFactory
from tests.helpers import attended, book, make_referral, signed_in_client, text

pytestmark = pytest.mark.django_db


def prefer(programme, **prefs):
    Caregiver.objects.filter(referral=programme.referral).update(**prefs)


def test_a_no_messages_family_gets_none_and_the_guider_is_asked_to_phone(
    programme, practitioner, django_capture_on_commit_callbacks
):
    prefer(programme, safe_to_leave_message=False)
    with django_capture_on_commit_callbacks(execute=True):
        book(programme, practitioner, days=10)
    assert mail.outbox == []
    log = MessageLog.objects.get()
    assert (log.channel, log.status) == (Channel.NONE, MessageStatus.WITHHELD)
    task = StaffTask.objects.get(kind=TaskKind.PHONE_FAMILY)
    assert task.assignee == practitioner
    assert task.title.startswith("Phone Sam Jones about their visit on ")
    assert "not to leave messages" in task.detail


def test_a_family_who_asked_to_be_phoned_is_not_emailed(
    programme, practitioner, django_capture_on_commit_callbacks
):
    prefer(programme, preferred_contact="phone")
    with django_capture_on_commit_callbacks(execute=True):
        book(programme, practitioner, days=10)
    assert mail.outbox == []
    assert StaffTask.objects.filter(kind=TaskKind.PHONE_FAMILY).count() == 1


def test_texts_preferred_without_notify_falls_back_to_email(programme, settings):
    settings.NOTIFY_API_KEY = ""
    caregiver = programme.referral.caregivers.get()
    caregiver.preferred_contact = "text"
    assert contact.route(caregiver).channel == Channel.EMAIL
    settings.NOTIFY_API_KEY = "test-key"
    assert contact.route(caregiver).channel == Channel.TEXT


def test_the_acknowledgement_obeys_the_preferences(
    service, team_lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_referral(service, last_name="Quiet", safe_to_leave_message=False)
    assert mailoutbox == []
    task = StaffTask.objects.get(kind=TaskKind.PHONE_FAMILY)
    assert task.assignee is None and task.title.startswith("Phone Sam Quiet")
    with django_capture_on_commit_callbacks(execute=True):
        make_referral(service, last_name="Open", safe_to_leave_message=True)
    assert [m.to for m in mailoutbox] == [["sam.jones@family.invalid"]]


def test_a_summary_is_not_emailed_to_a_no_messages_family(programme, practitioner):
    summary = actions.write_summary(
        visit=attended(programme, practitioner),
        strengths="Warmth",
        points_to_work_on="Waiting",
        next_steps="Bath time",
        by=practitioner,
    )
    prefer(programme, safe_to_leave_message=False)
    with pytest.raises(ProgrammeError, match="asked us not to leave messages"):
        actions.send_summary(summary=summary, method=DeliveryMethod.EMAIL, by=practitioner)


def test_the_case_page_shows_the_preferences_at_the_top(programme, practitioner):
    prefer(programme, preferred_contact="text", safe_to_leave_message=False, language="Polish")
    page = text(signed_in_client(practitioner).get(programme.get_absolute_url()))
    assert "How to contact the family" in page
    assert "Prefers: text message; Do not leave messages; Language: Polish" in page


def test_a_team_lead_sees_flags_on_the_case_page(programme, practitioner, team):
    lead = UserFactory(team=team, role=Role.TEAM_LEAD)
    from scheduling.schedule import add_task

    add_task(
        key="flag-x",
        kind=TaskKind.SAFEGUARDING_REVIEW,
        service=team.service,
        team=team,
        programme=programme,
        title="Was not brought twice: safeguarding review",
        is_flag=True,
        due_on="2026-12-01",
    )
    page = text(signed_in_client(lead).get(programme.get_absolute_url()))
    assert "Was not brought twice: safeguarding review" in page


def test_the_visit_page_shows_staff_the_home_address_and_the_interpreter(programme, practitioner):
    Caregiver.objects.filter(referral=programme.referral).update(
        address="1 Mill Lane\nStockport",
        access_needs="Ring the side door",
        interpreter_needed=True,
        language="Polish",
    )
    visit = book(programme, practitioner, days=3)
    page = text(signed_in_client(practitioner).get(visit.get_absolute_url()))
    assert "Home address 1 Mill Lane Stockport SK1 3XE Access: Ring the side door" in page
    assert "Sam needs an interpreter (Polish)" in page


def test_a_family_who_asked_for_letters_is_not_emailed_the_old_messages(
    service, team_lead, programme, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    """Acknowledgement and summaries exist as emails only: a family who chose paper
    gets none of them; the team is asked to write (or phone), the summary printed."""
    with django_capture_on_commit_callbacks(execute=True):
        make_referral(service, last_name="Paper", preferred_contact="letter")
    assert mailoutbox == []
    task = StaffTask.objects.get(kind=TaskKind.PHONE_FAMILY)
    assert task.title == "Write to or phone Sam Paper: tell them their referral arrived"
    assert task.detail == "Nothing was emailed because they asked for letters by post."
    summary = actions.write_summary(
        visit=attended(programme, practitioner),
        strengths="Warmth",
        points_to_work_on="Waiting",
        next_steps="Bath time",
        by=practitioner,
    )
    prefer(programme, preferred_contact="letter")
    with pytest.raises(ProgrammeError, match="asked for letters by post. Print a letter"):
        actions.send_summary(summary=summary, method=DeliveryMethod.EMAIL, by=practitioner)
    assert mailoutbox == []
