"""Booking, moving and cancelling a visit tells the family once, with a calendar
invitation, and plans reminders that a later change withdraws."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from scheduling.models import DueWork, MessageLog, MessageStatus, WorkKind, WorkState
from scheduling.runner import run
from scheduling.sweep import sweep
from sessions import actions
from sessions.models import VisitKind
from tests.helpers import at, book

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
FAMILY = "sam.jones@family.invalid"


def invitation(message):
    (name, content, mimetype) = message.attachments[0]
    assert name == "invite.ics"
    return Calendar.from_ical(content), mimetype


def test_booking_emails_the_family_an_invitation_once(
    programme, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book(programme, practitioner, kind=VisitKind.FILMING, days=10)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [FAMILY]
    assert "filming visit is booked" in message.subject
    assert "/appointments/" in message.body
    assert "What to expect at a filming visit" in message.body
    cal, mimetype = invitation(message)
    assert "method=REQUEST" in mimetype
    assert cal["METHOD"] == "REQUEST"
    event = cal.walk("VEVENT")[0]
    assert event["UID"] == f"visit-{visit.public_id}@vig-service"
    assert event["SEQUENCE"] == 0
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    assert event.decoded("DTSTART") == at(10)
    # A second delivery of the same task sends nothing more.
    work = DueWork.objects.get(kind=WorkKind.VISIT_MESSAGE)
    DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED)
    run(work.pk)
    assert len(mail.outbox) == 1
    assert MessageLog.objects.get().status == MessageStatus.SENT
    reminders = DueWork.objects.filter(kind=WorkKind.REMINDER, state=WorkState.DUE)
    assert sorted(r.payload["days"] for r in reminders) == [2, 7]


def test_moving_a_visit_sends_a_new_sequence_and_replans_reminders(
    programme, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book(programme, practitioner, days=10)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_visit(
            visit=visit,
            starts_at=at(12, 14),
            duration_minutes=60,
            place="home",
            by=practitioner,
        )
    assert [m.subject for m in mail.outbox] == ["Your visit is booked", "Your visit has changed"]
    cal, _ = invitation(mail.outbox[1])
    assert cal.walk("VEVENT")[0]["SEQUENCE"] == 1
    live = DueWork.objects.filter(kind=WorkKind.REMINDER, state=WorkState.DUE)
    assert {r.payload["starts_at"] for r in live} == {at(12, 14).isoformat()}
    assert DueWork.objects.filter(kind=WorkKind.REMINDER, state=WorkState.CANCELLED).count() == 2


def test_cancelling_sends_a_cancel_invitation_and_withdraws_reminders(
    programme, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book(programme, practitioner, days=10)
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_visit(visit=visit, cancelled_by_family=False, by=practitioner)
    cal, mimetype = invitation(mail.outbox[-1])
    assert cal["METHOD"] == "CANCEL" and "method=CANCEL" in mimetype
    assert cal.walk("VEVENT")[0]["UID"] == f"visit-{visit.public_id}@vig-service"
    assert not DueWork.objects.filter(kind=WorkKind.REMINDER, state=WorkState.DUE).exists()


def test_a_proposed_visit_tells_nobody_until_confirmed(
    programme, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book(programme, practitioner, days=10, state="proposed")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_visit(
            visit=visit,
            starts_at=visit.starts_at,
            duration_minutes=60,
            place="home",
            state="booked",
            by=practitioner,
        )
    assert [m.subject for m in mail.outbox] == ["Your visit is booked"]


def test_reminders_go_when_due_and_not_after_the_visit_moved(
    programme, practitioner, django_capture_on_commit_callbacks, time_machine
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book(programme, practitioner, days=10)
    mail.outbox.clear()
    time_machine.move_to(at(3, 10) + timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    assert [m.subject for m in mail.outbox] == ["Reminder: your visit in 7 days"]
    # A reminder claimed (queued), then the visit moves before the task runs.
    time_machine.move_to(at(8, 10) + timedelta(minutes=1))
    sweep()  # claimed; the task is not run yet
    claimed = DueWork.objects.get(state=WorkState.CLAIMED)
    actions.change_visit(
        visit=visit, starts_at=at(9, 15), duration_minutes=60, place="home", by=practitioner
    )
    assert run(claimed.pk) == "not claimed"
    assert DueWork.objects.get(pk=claimed.pk).state == WorkState.CANCELLED
    assert not any("Reminder" in m.subject for m in mail.outbox[1:])


def test_reminders_keep_local_time_across_the_clock_change(programme, practitioner, time_machine):
    time_machine.move_to(datetime(2026, 10, 20, 9, 0, tzinfo=LONDON))
    visit = actions.book_visit(
        programme=programme,
        kind=VisitKind.OTHER,
        starts_at=datetime(2026, 10, 28, 10, 0, tzinfo=LONDON),  # after clocks go back
        place="home",
        by=practitioner,
    )
    first = DueWork.objects.get(kind=WorkKind.REMINDER, payload__days=7, visit=visit)
    local = timezone.localtime(first.due_at)
    assert (local.day, local.hour) == (21, 10)  # 10:00 BST, the day before it was GMT
