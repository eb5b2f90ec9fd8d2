"""The follow-up rules: what recording a visit, ending a programme and waiting
too long put on the guider's and the team lead's lists."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import AuditEvent
from referrals import actions as referral_actions
from scheduling.followups import FLAG_TITLE, working_days_after
from scheduling.models import DueWork, FollowUpSettings, StaffTask, TaskKind, WorkKind, WorkState
from scheduling.runner import run
from sessions import actions
from sessions.models import Attendance, EndReason, VisitKind, VisitState
from tests.helpers import at, book, give_consent, happened, make_referral

pytestmark = pytest.mark.django_db


def proposed(programme):
    return list(programme.visits.filter(state=VisitState.PROPOSED))


def test_filming_attended_proposes_a_shared_review_a_week_later(programme, practitioner):
    give_consent(programme, practitioner)
    filming = happened(programme, practitioner, kind=VisitKind.FILMING, days=-1, hour=11)
    (review,) = proposed(programme)
    assert review.kind == VisitKind.SHARED_REVIEW
    assert review.starts_at == at(6, 11)
    assert (review.place, review.mechanism) == (filming.place, filming.mechanism)
    task = StaffTask.objects.get(kind=TaskKind.MICRO_ANALYSE)
    assert task.assignee == practitioner
    assert task.due_on == working_days_after(timezone.localdate() - timedelta(days=1), 3)
    # Proposals tell the family nothing.
    assert not DueWork.objects.filter(kind=WorkKind.VISIT_MESSAGE).exists()


def test_a_busy_diary_moves_the_proposal_to_the_nearest_free_slot(programme, practitioner):
    give_consent(programme, practitioner)
    book(programme, practitioner, days=6, hour=11)  # the guider is busy then
    happened(programme, practitioner, kind=VisitKind.FILMING, days=-1, hour=11)
    (review,) = proposed(programme)
    assert review.starts_at != at(6, 11)
    assert abs(review.starts_at - at(6, 11)) <= timedelta(hours=1)


def test_shared_review_held_proposes_filming_or_the_ending(programme, practitioner):
    happened(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=-2)
    (filming,) = proposed(programme)
    assert filming.kind == VisitKind.FILMING
    assert filming.starts_at == at(12, 10)
    actions.cancel_visit(visit=filming, cancelled_by_family=False, by=practitioner)
    actions.change_planned_visits(
        programme=programme, new_number=2, reason="Agreed", agreed_with_family=True, by=practitioner
    )
    happened(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=-1)
    (ending,) = proposed(programme)
    assert ending.kind == VisitKind.ENDING


def test_was_not_brought_twice_flags_a_safeguarding_review(programme, practitioner):
    happened(programme, practitioner, days=-9, attendance=Attendance.DID_NOT_ATTEND)
    assert StaffTask.objects.filter(kind=TaskKind.CONTACT_AFTER_MISSED).count() == 1
    assert not StaffTask.objects.filter(is_flag=True).exists()
    happened(programme, practitioner, days=-2, attendance=Attendance.DID_NOT_ATTEND)
    flag = StaffTask.objects.get(is_flag=True)
    assert flag.title == FLAG_TITLE and flag.assignee is None and flag.programme == programme
    assert AuditEvent.objects.filter(action="programme.not_brought_flagged").count() == 1


def test_ending_plans_a_check_in_months_later(
    programme, practitioner, django_capture_on_commit_callbacks
):
    actions.end_programme(
        programme=programme,
        reason=EndReason.COMPLETED,
        ended_on=timezone.localdate(),
        ending_summary="Done well.",
        by=practitioner,
    )
    work = DueWork.objects.get(kind=WorkKind.CHECK_IN)
    assert timezone.localdate(work.due_at) > timezone.localdate() + timedelta(days=170)
    DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED)
    assert run(work.pk) == "done"
    assert StaffTask.objects.get(kind=TaskKind.CHECK_IN).assignee == practitioner


def test_check_in_can_be_switched_off(programme, practitioner, service):
    FollowUpSettings.objects.create(service=service, check_in_after_months=0)
    actions.end_programme(
        programme=programme,
        reason=EndReason.COMPLETED,
        ended_on=timezone.localdate(),
        ending_summary="Done well.",
        by=practitioner,
    )
    assert not DueWork.objects.filter(kind=WorkKind.CHECK_IN).exists()


def test_waiting_past_the_target_alerts_the_team_lead_once(service, team, team_lead, mailoutbox):
    referral = make_referral(service, last_name="Late")
    referral_actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    work = DueWork.objects.get(kind=WorkKind.WAITING_ALERT)
    assert work.due_at == referral.received_at + timedelta(weeks=service.waiting_target_weeks)
    mailoutbox.clear()
    for _ in range(2):  # a redelivered task alerts nobody twice
        DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED)
        run(work.pk)
    assert StaffTask.objects.filter(kind=TaskKind.WAITING_BREACH).count() == 1
    assert [m.to for m in mail.outbox] == [[team_lead.email]]


def test_working_days_skip_weekends():
    assert working_days_after(date(2026, 12, 4), 1) == date(2026, 12, 7)  # Friday → Monday
