"""A family who may not be messaged: one "phone the family" task per visit and
caregiver, saying everything they were not sent (ADR 0013)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from referrals.models import Caregiver
from scheduling.actions import complete_task
from scheduling.models import (
    DueWork,
    MessageLog,
    MessageStatus,
    StaffTask,
    TaskKind,
    WorkKind,
    WorkState,
)
from scheduling.runner import run
from scheduling.sweep import sweep
from sessions import actions
from tests.helpers import at, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_family(programme):
    Caregiver.objects.filter(referral=programme.referral).update(safe_to_leave_message=False)
    return programme


def phone_tasks():
    return StaffTask.objects.filter(kind=TaskKind.PHONE_FAMILY).order_by("pk")


def reminders_now(capture):
    DueWork.objects.filter(kind=WorkKind.REMINDER, state=WorkState.DUE).update(
        due_at=timezone.now() - timedelta(seconds=1)
    )
    with capture(execute=True):
        sweep()


def test_booking_moving_and_reminders_make_one_task_that_lists_them_all(
    quiet_family, practitioner, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        visit = book(quiet_family, practitioner, days=10)
    with capture(execute=True):
        actions.change_visit(
            visit=visit, starts_at=at(12, 14), duration_minutes=60, place="home", by=practitioner
        )
    reminders_now(capture)

    assert mail.outbox == []
    withheld = MessageLog.objects.filter(status=MessageStatus.WITHHELD)
    assert sorted(withheld.values_list("template", flat=True)) == [
        "visit_booked",
        "visit_changed",
        "visit_reminder",
        "visit_reminder",
    ]
    task = phone_tasks().get()
    assert task.assignee == practitioner and task.visit == visit and task.done_at is None
    assert task.title == "Phone Sam Jones about their visit on " + when(at(12, 14))
    lines = task.detail.splitlines()
    assert (
        lines[0]
        == "Nothing was sent in writing because they asked us not to leave messages. Tell them:"
    )
    assert lines[1] == f"- Booked: their visit on {when(at(10))}"
    assert lines[2] == f"- Changed: their visit is now on {when(at(12, 14))}"
    assert sorted(lines[3:]) == [
        f"- Reminder: their visit on {when(at(12, 14))} is in 2 days",
        f"- Reminder: their visit on {when(at(12, 14))} is in 7 days",
    ]


def when(moment):
    from scheduling.wording import when as words

    class At:
        starts_at = moment

    return words(At)


def test_the_same_message_run_again_adds_nothing(
    quiet_family, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        book(quiet_family, practitioner, days=10)
    work = DueWork.objects.get(kind=WorkKind.VISIT_MESSAGE)
    DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED)
    run(work.pk)  # as after a stale claim: the message is handled again
    task = phone_tasks().get()
    assert len(task.detail.splitlines()) == 2
    assert MessageLog.objects.count() == 1


def test_once_the_guider_has_phoned_the_next_withheld_message_opens_a_new_task(
    quiet_family, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        book(quiet_family, practitioner, days=10)
    first = phone_tasks().get()
    complete_task(task=first, by=practitioner)
    reminders_now(django_capture_on_commit_callbacks)
    second = phone_tasks().exclude(pk=first.pk).get()
    assert second.done_at is None
    assert [line[:11] for line in second.detail.splitlines()[1:]] == ["- Reminder:"] * 2
    first.refresh_from_db()
    assert "Reminder" not in first.detail


def test_a_visit_the_service_cancelled_keeps_the_task_saying_so(
    quiet_family, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book(quiet_family, practitioner, kind="filming", days=10)
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_visit(visit=visit, cancelled_by_family=False, by=practitioner)
    task = phone_tasks().get()
    assert task.done_at is None
    assert task.title == f"Phone Sam Jones: their filming visit on {when(at(10))} is cancelled"
    assert task.detail.splitlines()[-1] == (
        f"- Cancelled: their filming visit on {when(at(10))} will not go ahead"
    )


def test_a_visit_the_family_cancelled_needs_no_call(
    quiet_family, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book(quiet_family, practitioner, days=10)
    assert phone_tasks().count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_visit(visit=visit, cancelled_by_family=True, by=practitioner)
    assert not phone_tasks().exists()
    # The cancellation is still logged as not sent.
    assert MessageLog.objects.filter(
        template="visit_cancelled", status=MessageStatus.WITHHELD
    ).exists()


def test_each_caregiver_has_their_own_task_and_other_visits_their_own(
    quiet_family, practitioner, django_capture_on_commit_callbacks
):
    Caregiver.objects.create(
        referral=quiet_family.referral,
        first_name="Alex",
        last_name="Jones",
        relationship="father",
        postcode="SK1 3XE",
        safe_to_leave_message=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        book(quiet_family, practitioner, days=10)
        book(quiet_family, practitioner, days=11)
    assert phone_tasks().count() == 4
    assert phone_tasks().values("visit").distinct().count() == 2
