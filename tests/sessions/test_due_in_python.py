"""The case page asks what is due of the rows it has loaded (``progress_of`` and the
predicates in ``sessions.queries``); the caseload asks the database. Both must give
the same answers for the same family, at every stage."""

import pytest
from django.utils import timezone

from sessions import actions
from sessions.models import Attendance, Programme, RatingWhen, VisitKind, VisitState
from sessions.queries import (
    case_programmes,
    goal_needs_baseline,
    goals_needing_baseline,
    progress_of,
    visit_needs_outcome,
    visit_needs_summary,
    visits_needing_outcome,
    visits_needing_summary,
    with_first_steps,
)
from tests.helpers import attended, book, give_consent, happened, past_visit

pytestmark = pytest.mark.django_db

ANNOTATED = (
    "visits_used",
    "cycles_done",
    "filmings_done",
    "next_visit_at",
    "consent_due",
    "goals_due",
    "first_visit_due",
)


def assert_python_agrees_with_sql(programme):
    now = timezone.now()
    in_sql = with_first_steps(Programme.objects.with_progress(now)).get(pk=programme.pk)
    loaded = case_programmes().get(pk=programme.pk)
    visits, goals = list(loaded.visits.all()), list(loaded.goals.all())
    in_python = progress_of(visits, goals, list(loaded.consent_records.all()), now)
    assert in_python == {name: getattr(in_sql, name) for name in ANNOTATED}
    assert {v.pk for v in visits if visit_needs_outcome(v, now)} == set(
        visits_needing_outcome(now).filter(programme=programme).values_list("pk", flat=True)
    )
    assert {v.pk for v in visits if visit_needs_summary(v)} == set(
        visits_needing_summary().filter(programme=programme).values_list("pk", flat=True)
    )
    assert {g.pk for g in goals if goal_needs_baseline(g)} == set(
        goals_needing_baseline().filter(programme=programme).values_list("pk", flat=True)
    )
    return in_python


def test_a_new_family_has_every_first_step_due(programme):
    progress = assert_python_agrees_with_sql(programme)
    assert progress["consent_due"] and progress["goals_due"] and progress["first_visit_due"]


def test_a_family_well_into_the_programme(programme, practitioner):
    by = practitioner
    give_consent(programme, by)
    rated = actions.add_goal(
        programme=programme, text="Feel close", helping_question="?", baseline=3, by=by
    )
    unrated = actions.add_goal(
        programme=programme, text="Enjoy bath time", helping_question="?", by=by
    )
    filming = attended(programme, by, kind=VisitKind.FILMING, days=-20)
    review = attended(programme, by, kind=VisitKind.SHARED_REVIEW, days=-10)
    actions.write_summary(
        visit=review, strengths="Warm", points_to_work_on="Pauses", next_steps="Film", by=by
    )
    skipped = attended(programme, by, days=-8)
    actions.skip_summary(visit=skipped, reason="Only a phone call", by=by)
    past_visit(programme, by, days=-2)  # booked, passed, no outcome yet
    happened(programme, by, days=-5, attendance=Attendance.DID_NOT_ATTEND)
    actions.cancel_visit(
        visit=book(programme, by, days=2), cancelled_by_family=True, reason="Ill", by=by
    )
    coming = book(programme, by, days=5)

    progress = assert_python_agrees_with_sql(programme)

    # The next filming, proposed after the review's summary, comes before the one booked.
    proposed = programme.visits.get(state=VisitState.PROPOSED)
    assert progress["visits_used"] == 3
    assert progress["next_visit_at"] == proposed.starts_at < coming.starts_at
    assert (progress["filmings_done"], progress["cycles_done"]) == (1, 1)
    assert not (progress["consent_due"] or progress["goals_due"] or progress["first_visit_due"])
    now = timezone.now()
    loaded = case_programmes().get(pk=programme.pk)
    due_summary = [v for v in loaded.visits.all() if visit_needs_summary(v)]
    assert [v.pk for v in due_summary] == [filming.pk]
    assert len([v for v in loaded.visits.all() if visit_needs_outcome(v, now)]) == 1
    baselines = [g.pk for g in loaded.goals.all() if goal_needs_baseline(g)]
    assert baselines == [unrated.pk] != [rated.pk]
    assert rated.ratings.get().when == RatingWhen.BASELINE


def test_only_cancelled_visits_leave_the_first_meeting_to_book(programme, practitioner):
    visit = book(programme, practitioner, days=3)
    actions.cancel_visit(visit=visit, cancelled_by_family=False, reason="Ill", by=practitioner)
    progress = assert_python_agrees_with_sql(programme)
    assert progress["first_visit_due"] and progress["next_visit_at"] is None
