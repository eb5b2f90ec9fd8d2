import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from accounts.models import AccreditationStage, Role
from referrals import actions as referral_actions
from sessions import actions
from sessions.models import (
    Attendance,
    DeliveryMethod,
    EndReason,
    GoalStatus,
    Programme,
    ProgrammeState,
    RatingWhen,
    Visit,
    VisitKind,
    VisitState,
)
from tests.factories import UserFactory
from tests.helpers import at, give_consent, open_programme

pytestmark = pytest.mark.django_db


def past_visit(
    programme, by, kind=VisitKind.OTHER, days=-1, hour=10, attendance=Attendance.ATTENDED
):
    visit = actions.book_visit(
        programme=programme, kind=kind, starts_at=at(days, hour), place="home", by=by
    )
    return actions.record_outcome(visit=visit, attendance=attendance, by=by)


def test_allocation_opens_a_programme_with_the_trainees_supervisor(team, team_lead):
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR)
    trainee = UserFactory(
        team=team, accreditation_stage=AccreditationStage.STAGE_1, supervisor=supervisor
    )
    programme = open_programme(team.service, team_lead=team_lead, practitioner=trainee)
    assert (programme.guider, programme.supervisor) == (trainee, supervisor)
    assert programme.state == ProgrammeState.PRE_VIG
    assert programme.planned_visits == team.service.default_programme_visits == 8
    assert list(Programme.objects.visible_to(supervisor)) == [programme]


def test_reallocation_hands_the_programme_on(programme, team_lead, team):
    colleague = UserFactory(team=team)
    referral_actions.allocate(referral=programme.referral, practitioner=colleague, by=team_lead)
    programme.refresh_from_db()
    assert programme.guider == colleague
    assert Programme.objects.count() == 1
    # Team leads' scope reads the programme's own team: it stays the family's.
    assert programme.team_id == programme.referral.team_id == team.pk
    assert list(Programme.objects.visible_to(team_lead)) == [programme]


def test_programmes_are_visible_to_guider_team_lead_and_supervisor_only(
    programme, practitioner, team_lead, outsider, team
):
    colleague = UserFactory(team=team)
    other_lead = UserFactory(team=outsider.team, role=Role.TEAM_LEAD)
    assert list(Programme.objects.visible_to(practitioner)) == [programme]
    assert list(Programme.objects.visible_to(team_lead)) == [programme]
    for stranger in (colleague, outsider, other_lead):
        assert not Programme.objects.visible_to(stranger).exists()


def test_extending_records_number_reason_and_agreement(programme, practitioner):
    with pytest.raises(actions.ProgrammeError, match="Agree"):
        actions.change_planned_visits(
            programme=programme,
            new_number=10,
            reason="More time",
            agreed_with_family=False,
            by=practitioner,
        )
    actions.change_planned_visits(
        programme=programme,
        new_number=10,
        reason="More time to practise",
        agreed_with_family=True,
        by=practitioner,
    )
    change = programme.planned_visits_changes.get()
    assert (change.old_number, change.new_number, change.agreed_with_family) == (8, 10, True)
    programme.refresh_from_db()
    assert programme.planned_visits == 10


def test_cannot_plan_fewer_visits_than_have_happened(programme, practitioner):
    past_visit(programme, practitioner, days=-2)
    past_visit(programme, practitioner, days=-1)
    with pytest.raises(actions.ProgrammeError, match="2 visits have already happened"):
        actions.change_planned_visits(
            programme=programme,
            new_number=1,
            reason="Fewer",
            agreed_with_family=True,
            by=practitioner,
        )


def test_up_to_three_goals_revisions_keep_history(programme, practitioner):
    goals = [
        actions.add_goal(
            programme=programme,
            text=f"Goal {n}",
            helping_question=f"Question {n}?",
            by=practitioner,
        )
        for n in range(3)
    ]
    with pytest.raises(actions.ProgrammeError, match="up to 3 goals"):
        actions.add_goal(programme=programme, text="Four", helping_question="?", by=practitioner)
    new = actions.revise_goal(
        goal=goals[0], text="Goal 0, in new words", helping_question="Question 0?", by=practitioner
    )
    goals[0].refresh_from_db()
    assert goals[0].status == GoalStatus.REVISED and goals[0].revised_to == new
    actions.mark_goal_achieved(goal=goals[1], by=practitioner)
    actions.add_goal(
        programme=programme, text="A fresh goal", helping_question="Q?", by=practitioner
    )
    assert programme.goals.filter(status=GoalStatus.ACTIVE).count() == 3


def test_gbo_ratings_history(programme, practitioner):
    goal = actions.add_goal(
        programme=programme,
        text="Feel closer",
        helping_question="What am I doing?",
        by=practitioner,
    )
    actions.rate_goals(
        programme=programme, scores={goal.pk: 2}, when=RatingWhen.BASELINE, by=practitioner
    )
    with pytest.raises(actions.ProgrammeError, match="0 to 10"):
        actions.rate_goals(
            programme=programme, scores={goal.pk: 11}, when=RatingWhen.BASELINE, by=practitioner
        )
    assert [r.score for r in goal.ratings.all()] == [2]


def test_a_practitioner_cannot_be_double_booked(programme, practitioner):
    actions.book_visit(
        programme=programme,
        kind=VisitKind.FIRST_MEETING,
        starts_at=at(1, 10),
        place="home",
        duration_minutes=90,
        by=practitioner,
    )
    with pytest.raises(actions.ProgrammeError, match="already has a visit from 10:00 to 11:30"):
        actions.book_visit(
            programme=programme,
            kind=VisitKind.OTHER,
            starts_at=at(1, 11),
            place="clinic",
            by=practitioner,
        )
    # Back to back is fine; so is a slot freed by a cancellation.
    nxt = actions.book_visit(
        programme=programme,
        kind=VisitKind.OTHER,
        starts_at=at(1, 11, 30),
        place="clinic",
        by=practitioner,
    )
    actions.cancel_visit(visit=nxt, cancelled_by_family=True, by=practitioner)
    actions.book_visit(
        programme=programme,
        kind=VisitKind.OTHER,
        starts_at=at(1, 11, 30),
        place="clinic",
        by=practitioner,
    )
    assert Visit.objects.not_cancelled().count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_give_one_visit(team, team_lead, practitioner):
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    results, barrier = [], threading.Barrier(2)

    def book(minute):
        try:
            barrier.wait(timeout=10)
            actions.book_visit(
                programme=programme,
                kind=VisitKind.OTHER,
                starts_at=at(2, 10, minute),
                place="home",
                by=practitioner,
            )
            results.append("booked")
        except actions.ProgrammeError:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(m,)) for m in (0, 15)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["booked", "refused"]
    assert Visit.objects.count() == 1


def test_the_database_guards_against_overlaps_too(programme, practitioner):
    from django.db import IntegrityError, transaction

    Visit.objects.create(
        programme=programme,
        practitioner=practitioner,
        kind="other",
        starts_at=at(4, 9),
        place="home",
        created_by=practitioner,
    )
    if connection.vendor == "postgresql":
        # The exclusion constraint refuses an overlap written past the action.
        with pytest.raises(IntegrityError), transaction.atomic():
            Visit.objects.create(
                programme=programme,
                practitioner=practitioner,
                kind="other",
                starts_at=at(4, 9, 30),
                place="home",
                created_by=practitioner,
            )
    else:
        # SQLite has no exclusion constraints; writers are serialised instead (BEGIN
        # IMMEDIATE), so the action's own check can't be raced (test above).
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_places_map_to_csds_codes_and_dna_reads_was_not_brought(programme, practitioner):
    visit = past_visit(programme, practitioner, attendance=Attendance.DID_NOT_ATTEND)
    assert visit.location_code == "A01"
    assert visit.attendance_label == "Was not brought"


def test_outcome_rules(programme, practitioner):
    future = actions.book_visit(
        programme=programme, kind=VisitKind.OTHER, starts_at=at(3), place="home", by=practitioner
    )
    with pytest.raises(actions.ProgrammeError, match="hasn't happened yet"):
        actions.record_outcome(visit=future, attendance=Attendance.ATTENDED, by=practitioner)
    filming = actions.book_visit(
        programme=programme, kind=VisitKind.FILMING, starts_at=at(-1), place="home", by=practitioner
    )
    with pytest.raises(actions.ProgrammeError, match="no consent to filming"):
        actions.record_outcome(visit=filming, attendance=Attendance.ATTENDED, by=practitioner)
    give_consent(programme, practitioner)
    actions.record_outcome(visit=filming, attendance=Attendance.ATTENDED, by=practitioner)
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.ACTIVE  # the first filming starts the cycles


def test_review_summary_and_sending(
    programme, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    give_consent(programme, practitioner)
    goal = actions.add_goal(
        programme=programme,
        text="Feel closer",
        helping_question="What am I doing?",
        by=practitioner,
    )
    filming = past_visit(programme, practitioner, kind=VisitKind.FILMING, days=-8)
    review_visit = past_visit(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=-1)
    with pytest.raises(actions.ProgrammeError, match="shared-review visit"):
        actions.record_shared_review(
            visit=filming, parent_noticed="x", strengths="y", by=practitioner
        )
    review = actions.record_shared_review(
        visit=review_visit,
        parent_noticed="She looks at me when I sing",
        strengths="Warm tone",
        filming_visit=filming,
        scores={goal.pk: 6},
        by=practitioner,
    )
    assert review.filming_visit == filming
    assert goal.ratings.get().when == RatingWhen.REVIEW
    summary = actions.write_summary(
        visit=review_visit,
        strengths="Warm tone",
        points_to_work_on="Waiting",
        next_steps="Film at bath time",
        by=practitioner,
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_summary(summary=summary, method=DeliveryMethod.EMAIL, by=practitioner)
    assert mailoutbox[0].to == ["sam.jones@family.invalid"]
    assert "Film at bath time" in mailoutbox[0].body
    progress = Programme.objects.with_progress().get(pk=programme.pk)
    assert (progress.visits_used, progress.cycles_done) == (2, 1)


def test_ending_closes_the_programme_and_everything_after_is_refused(programme, practitioner):
    goal = actions.add_goal(
        programme=programme, text="Feel closer", helping_question="?", by=practitioner
    )
    with pytest.raises(actions.ProgrammeError, match="future"):
        actions.end_programme(
            programme=programme,
            reason=EndReason.COMPLETED,
            ended_on=timezone.localdate() + timedelta(days=1),
            ending_summary="x",
            by=practitioner,
        )
    actions.end_programme(
        programme=programme,
        reason=EndReason.COMPLETED,
        ended_on=timezone.localdate(),
        ending_summary="We noticed so much.",
        scores={goal.pk: 9},
        by=practitioner,
    )
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.COMPLETED
    assert programme.referral.discharge_date == timezone.localdate()
    assert goal.ratings.get().when == RatingWhen.ENDING
    with pytest.raises(actions.ProgrammeError, match="has ended"):
        actions.book_visit(
            programme=programme,
            kind=VisitKind.OTHER,
            starts_at=at(2),
            place="home",
            by=practitioner,
        )


def test_cancelled_visits_record_who_cancelled(programme, practitioner):
    visit = actions.book_visit(
        programme=programme, kind=VisitKind.OTHER, starts_at=at(2), place="home", by=practitioner
    )
    actions.cancel_visit(
        visit=visit, cancelled_by_family=False, reason="Guider unwell", by=practitioner
    )
    visit.refresh_from_db()
    assert (visit.state, visit.attendance) == (
        VisitState.CANCELLED,
        Attendance.CANCELLED_BY_SERVICE,
    )
    assert "Guider unwell" in visit.notes


def test_a_visit_across_the_clock_change_ends_after_its_real_duration(programme, practitioner):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    # Clocks go back at 02:00 BST on 25 October 2026: 00:30 + 3 hours is 02:30 GMT.
    starts = datetime(2026, 10, 25, 0, 30, tzinfo=london)
    visit = Visit(
        programme=programme,
        practitioner=practitioner,
        kind="other",
        starts_at=starts,
        duration_minutes=180,
        place="home",
        created_by=practitioner,
    )
    visit.save()
    assert (visit.ends_at - visit.starts_at).total_seconds() == 3 * 3600
    assert visit.ends_at.astimezone(london).strftime("%H:%M") == "02:30"
