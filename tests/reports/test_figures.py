"""Every figure of the reports against a small world worked out by hand.

Now is 15 July 2026; "last quarter" is April to June 2026.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from accounts.models import Role
from referrals import actions as referral_actions
from referrals.models import Allocation, Caregiver, Referral
from reports import queries
from reports.filters import period_named
from sessions import actions
from sessions.models import (
    Attendance,
    EndReason,
    Goal,
    GoalRating,
    Programme,
    ProgrammeState,
    VisitKind,
)
from tests.factories import UserFactory
from tests.helpers import give_consent, make_referral, open_programme

NOW = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


def moment(day, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def received(referral, day):
    Referral.objects.filter(pk=referral.pk).update(received_at=moment(day))


def allocated(referral, day):
    Allocation.objects.filter(referral=referral).update(allocated_at=moment(day))


def visit(programme, by, day, kind=VisitKind.OTHER, attendance=Attendance.ATTENDED):
    """Booked before the day, its outcome recorded now."""
    with time_machine.travel(moment(day) - timedelta(days=3), tick=False):
        booked = actions.book_visit(
            programme=programme, kind=kind, starts_at=moment(day), place="home", by=by
        )
    if attendance is None:
        return booked
    with time_machine.travel(NOW, tick=False):
        return actions.record_outcome(visit=booked, attendance=attendance, by=by)


@pytest.fixture
def world(team, team_lead, practitioner, other_team):
    with time_machine.travel(NOW - timedelta(days=200), tick=False):
        service = team.service
        a = open_programme(service, team_lead=team_lead, practitioner=practitioner, last_name="A")
        b = open_programme(service, team_lead=team_lead, practitioner=practitioner, last_name="B")
        c = open_programme(service, team_lead=team_lead, practitioner=practitioner, last_name="C")
        other_lead = UserFactory(team=other_team, role=Role.TEAM_LEAD)
        elsewhere = UserFactory(team=other_team)
        foreign = open_programme(
            other_team.service, team_lead=other_lead, practitioner=elsewhere, last_name="X"
        )
    for programme, got, given in (
        (a, date(2026, 4, 1), date(2026, 4, 11)),  # 10 days
        (b, date(2026, 4, 1), date(2026, 5, 1)),  # 30 days
        (c, date(2026, 5, 1), date(2026, 5, 6)),  # 5 days
        (foreign, date(2026, 4, 1), date(2026, 4, 2)),
    ):
        received(programme.referral, got)
        allocated(programme.referral, given)
    Caregiver.objects.filter(referral=b.referral).update(relationship="father", ethnicity="N")
    # One family referred twice: the team linked the second as a duplicate of the first.
    with time_machine.travel(NOW, tick=False):
        kept = make_referral(service, last_name="D")
        again = make_referral(service, last_name="D")
        referral_actions.triage(referral=kept, decision="accept", priority=1, by=team_lead)
        referral_actions.link_duplicate(referral=kept, other=again, by=team_lead)
        waiting_8 = make_referral(service, last_name="E")
        referral_actions.triage(referral=waiting_8, decision="accept", priority=1, by=team_lead)
    received(kept, date(2026, 7, 8))  # 7 days and 2 hours: still "0 to 1 weeks"
    received(again, date(2026, 6, 20))
    received(waiting_8, date(2026, 7, 7))  # 8 days: "1 to 2 weeks"
    give_consent(a, practitioner)
    visit(a, practitioner, date(2026, 4, 21), VisitKind.FILMING)  # first visit: 20 days
    visit(a, practitioner, date(2026, 4, 28), VisitKind.SHARED_REVIEW)  # a cycle
    visit(a, practitioner, date(2026, 5, 5), attendance=Attendance.DID_NOT_ATTEND)
    visit(b, practitioner, date(2026, 5, 11), VisitKind.FIRST_MEETING)  # 40 days
    cancelled = visit(c, practitioner, date(2026, 5, 12), attendance=None)
    with time_machine.travel(moment(date(2026, 5, 10)), tick=False):
        actions.cancel_visit(visit=cancelled, cancelled_by_family=True, by=practitioner)
    visit(foreign, elsewhere, date(2026, 4, 20))
    rated = ((a, (2, 6)), (a, (3, 5)), (b, (4, 4)), (b, (5, 3)), (foreign, (0, 10)))
    for programme, scores in rated:
        goal = Goal.objects.create(
            programme=programme, text="Play", helping_question="How?", created_by=practitioner
        )
        for day, score in zip((date(2026, 4, 21), date(2026, 6, 1)), scores, strict=True):
            GoalRating.objects.create(
                goal=goal, score=score, when="review", rated_on=day, recorded_by=practitioner
            )
    return {"a": a, "b": b, "c": c, "kept": kept, "again": again}


@pytest.fixture
def quarter():
    return period_named("last_quarter", NOW.date())


def lead_scope(team_lead):
    return queries.Scope(team_lead)


def test_the_quarter(quarter):
    assert (quarter.start, quarter.end) == (date(2026, 4, 1), date(2026, 7, 1))


def test_waiting_now_by_band_at_the_edges(world, team_lead):
    waiting = queries.Scope(team_lead).referrals().waiting_list()
    bands, over = queries.waiting_summary(waiting, NOW)
    assert bands[:3] == [("0 to 1 weeks", 1), ("1 to 2 weeks", 1), ("2 to 4 weeks", 0)]
    assert over == 0


def test_waits_to_allocation_median_and_90th_percentile(world, team_lead, quarter):
    rows = queries.waits_to_allocation(lead_scope(team_lead), quarter.starts_at, quarter.ends_at)
    by_month = {r["month"].strftime("%Y-%m"): r for r in rows}
    assert set(by_month) == {"2026-04", "2026-05"}  # the other team's never counted
    april, may = by_month["2026-04"], by_month["2026-05"]
    assert (april["waits"], april["median"], april["p90"]) == (
        1,
        pytest.approx(10),
        pytest.approx(10),
    )
    # 5 and 30 days: median 17.5; 90th percentile 5 + 0.9 × 25 = 27.5
    assert (may["waits"], may["median"], may["p90"]) == (
        2,
        pytest.approx(17.5),
        pytest.approx(27.5),
    )
    assert may["breaches"] == 0


def test_waits_to_first_visit(world, team_lead, quarter):
    rows = queries.waits_to_first_visit(lead_scope(team_lead), quarter.starts_at, quarter.ends_at)
    by_month = {r["month"].strftime("%Y-%m"): (r["waits"], r["median"]) for r in rows}
    assert by_month == {"2026-04": (1, pytest.approx(20)), "2026-05": (1, pytest.approx(40))}


def test_referrals_count_a_family_once(world, team_lead, quarter):
    scope = lead_scope(team_lead)
    rows = queries.referrals_by_month(scope, quarter.starts_at, quarter.ends_at)
    counts = {r["month"].strftime("%Y-%m"): (r["total"], r["accepted"]) for r in rows}
    # April: a, b; May: c; June: only the duplicate, which is not counted.
    assert counts == {"2026-04": (2, 2), "2026-05": (1, 1)}
    assert [r["withdrawn"] for r in rows] == [0, 0]
    # b's family withdrew: April's referrals have one withdrawn (still accepted first).
    Programme.objects.filter(pk=world["b"].pk).update(
        state=ProgrammeState.ENDED_EARLY,
        end_reason=EndReason.FAMILY_WITHDREW,
        ended_on=NOW.date(),
    )
    rows = queries.referrals_by_month(scope, quarter.starts_at, quarter.ends_at)
    assert [(r["accepted"], r["withdrawn"]) for r in rows] == [(2, 1), (1, 0)]
    july = queries.referrals_by_month(scope, NOW - timedelta(days=30), NOW)
    assert [r["total"] for r in july] == [2]  # kept and waiting_8; not "again"
    sources = queries.referrals_by_source(scope, quarter.starts_at, quarter.ends_at)
    assert sources["B1"] == 3


def test_activity(world, team_lead, quarter):
    mix = queries.visit_mix(lead_scope(team_lead), quarter.starts_at, quarter.ends_at)
    assert mix["total"] == 5
    assert (mix["kind_filming"], mix["kind_shared_review"], mix["kind_other"]) == (1, 1, 2)
    assert (mix["attendance_5"], mix["attendance_3"], mix["attendance_2"]) == (3, 1, 1)
    assert mix["place_home"] == 5 and mix["mechanism_01"] == 5
    months = queries.attendance_by_month(lead_scope(team_lead), quarter.starts_at, quarter.ends_at)
    assert [(r["seen"], r["not_brought"], r["cancelled"]) for r in months] == [(2, 0, 0), (1, 1, 1)]


def test_caseload(world, team_lead, practitioner, quarter):
    programmes, visits = queries.caseload(
        lead_scope(team_lead), quarter.starts_at, quarter.ends_at, NOW
    )
    mine = programmes[practitioner.pk]
    # a became active when its filming visit took place
    assert (mine["pre_vig"], mine["active"], mine["paused"]) == (2, 1, 0)
    assert mine["not_seen"] == 3  # last seen in April and May, or (c) never
    seen = visits[practitioner.pk]
    assert (seen["attended"], seen["not_brought"], seen["cancelled"], seen["cycles"]) == (
        3,
        1,
        1,
        1,
    )
    assert seen["overdue"] == 0 and seen["next_visit"] is None


def test_goal_outcomes_and_reliable_change(world, team_lead, quarter):
    outcomes = queries.goal_outcomes(lead_scope(team_lead), quarter.starts_at, quarter.ends_at)
    # Changes +4, +2, 0, −2: mean 1; only +4 reaches CORC's 2.45, and −2 is not a
    # reliable deterioration (it would be, were 2.45 rounded to 2).
    assert outcomes == {"goals": 4, "mean_change": pytest.approx(1), "improved": 1, "worse": 0}


def test_reach_follows_families_from_referral(world, team_lead, quarter):
    reach = queries.reach(lead_scope(team_lead), quarter.starts_at, quarter.ends_at)
    assert reach["total"] == {"referred": 3, "started": 3, "completed": 0}
    relationship = {r["group"]: r["referred"] for r in reach["relationship"]}
    assert relationship == {"mother": 2, "father": 1}
    ethnicity = {r["group"]: r["referred"] for r in reach["ethnicity"]}
    assert ethnicity == {"": 2, "N": 1}
    child = {r["group"]: r["referred"] for r in reach["child"]}
    assert child == {"under_1": 3}


def test_a_practitioner_sees_only_their_own(world, practitioner, colleague, quarter):
    assert queries.Scope(practitioner).referrals().count() == 3
    mix = queries.visit_mix(queries.Scope(colleague), quarter.starts_at, quarter.ends_at)
    assert mix["total"] == 0


def test_accreditation_counts_cycles_with_clips_and_supervision(world, team_lead, practitioner):
    from films.models import Clip, Film, ReviewMoment, SupervisionSession
    from sessions.models import Visit

    practitioner.accreditation_stage = "stage_1"
    practitioner.save(update_fields=["accreditation_stage"])
    # The filming visit and the review after it are not a cycle without clips.
    assert queries.accreditation(lead_scope(team_lead))[practitioner.pk].cycles == 0
    filmed = Visit.objects.get(programme__guider=practitioner, kind=VisitKind.FILMING)
    review = Visit.objects.get(programme__guider=practitioner, kind=VisitKind.SHARED_REVIEW)
    film = Film.objects.create(
        programme=filmed.programme,
        visit=filmed,
        filmed_by=practitioner,
        filmed_at=filmed.starts_at,
        state="rejected",
        rejection_reason="-",
    )
    clip = Clip.objects.create(
        film=film,
        programme=filmed.programme,
        start_ms=0,
        end_ms=2_000,
        title="x",
        created_by=practitioner,
        state="ready",
    )
    ReviewMoment.objects.create(visit=review, clip=clip, recorded_by=practitioner)
    SupervisionSession.objects.create(
        supervisor=team_lead,
        supervisee=practitioner,
        held_on=date(2026, 6, 1),
        duration_minutes=90,
    )
    found = queries.accreditation(lead_scope(team_lead))
    mine = found[practitioner.pk]
    assert (mine.cycles, mine.families, mine.hours) == (1, 1, 1.5)
    assert (mine.current.cycles, mine.requirement.cycles) == (1, 6)
    # Only the lead's team's trainees.
    assert all(p.guider.team_id == team_lead.team_id for p in found.values())
