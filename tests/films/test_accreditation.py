"""Accreditation counts split per AVIGuk stage, and counted for many guiders in one query."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, User
from films.accreditation import accreditation_for, split
from films.models import Clip, Film, ReviewMoment, SupervisionSession
from sessions.models import VisitKind
from tests.factories import UserFactory
from tests.helpers import attended, give_consent, open_programme


def counts(stages):
    return [(s.stage, s.cycles, s.families, s.minutes, s.status) for s in stages]


def test_a_stage_1_trainee_counts_everything_towards_stage_1():
    assert counts(split("stage_1", 4, 2, 300)) == [
        ("stage_1", 4, 2, 300, "current"),
        ("stage_2", 0, 0, 0, "ahead"),
        ("stage_3", 0, 0, 0, "ahead"),
    ]
    assert counts(split("initial", 1, 1, 0))[0] == ("stage_1", 1, 1, 0, "current")


def test_a_stage_2_trainee_has_stage_1_filled_first_and_the_rest_counts_now():
    stages = split("stage_2", 10, 4, 9 * 60)
    assert counts(stages) == [
        ("stage_1", 6, 2, 420, "passed"),
        ("stage_2", 4, 2, 120, "current"),
        ("stage_3", 0, 0, 0, "ahead"),
    ]
    assert not stages[1].met
    stages = split("stage_2", 15, 5, 15 * 60)
    assert stages[1].met and (stages[1].cycles, stages[1].families, stages[1].hours) == (9, 3, 8)


def test_stage_3_and_beyond():
    assert counts(split("stage_3", 30, 9, 1500))[2] == ("stage_3", 15, 4, 600, "current")
    assert [s.status for s in split("accredited", 30, 9, 1500)] == ["passed"] * 3
    assert counts(split("accredited", 30, 9, 1500))[2] == ("stage_3", 15, 4, 600, "passed")
    # Fewer records than the stages passed needed (records began late): nothing is invented.
    assert counts(split("stage_3", 3, 1, 0))[:2] == [
        ("stage_1", 3, 1, 0, "passed"),
        ("stage_2", 0, 0, 0, "passed"),
    ]
    assert split("", 3, 1, 0) == []


DAYS = itertools.count(3, 3)  # a guider has one visit at a time: each its own day


def _cycle(programme, guider, *, reviewed=True):
    days = -next(DAYS)
    filmed = attended(programme, guider, kind=VisitKind.FILMING, days=days)
    film = Film.objects.create(
        programme=programme,
        visit=filmed,
        filmed_by=guider,
        filmed_at=filmed.starts_at,
        state="rejected",
        rejection_reason="-",
    )
    clip = Clip.objects.create(
        film=film,
        programme=programme,
        start_ms=0,
        end_ms=2_000,
        title="x",
        created_by=guider,
        state="ready",
    )
    if reviewed:
        shown = attended(programme, guider, kind=VisitKind.SHARED_REVIEW, days=days + 1)
        ReviewMoment.objects.create(visit=shown, clip=clip, recorded_by=guider)


@pytest.mark.django_db
def test_many_guiders_are_counted_in_one_query(team, team_lead):
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR)

    def guider_with(n_families, cycles_each, minutes):
        guider = UserFactory(team=team, accreditation_stage="stage_2", supervisor=supervisor)
        for _ in range(n_families):
            programme = open_programme(team.service, team_lead=team_lead, practitioner=guider)
            give_consent(programme, guider)
            for _ in range(cycles_each):
                _cycle(programme, guider)
            _cycle(programme, guider, reviewed=False)  # not a cycle yet
        for part in (minutes // 2, minutes - minutes // 2):
            SupervisionSession.objects.create(
                supervisor=supervisor,
                supervisee=guider,
                held_on=datetime.date(2026, 11, 1),
                duration_minutes=part,
            )
        return guider

    a = guider_with(3, 3, 600)  # 9 cycles, 3 families, 10 h
    b = guider_with(1, 1, 60)
    none = UserFactory(team=team, accreditation_stage="stage_1")
    with CaptureQueriesContext(connection) as queries:
        found = accreditation_for(User.objects.filter(pk__in=[a.pk, b.pk, none.pk]))
    assert len(queries) == 1
    assert (found[a.pk].cycles, found[a.pk].families, found[a.pk].minutes) == (9, 3, 600)
    assert counts([found[a.pk].current]) == [("stage_2", 3, 1, 180, "current")]
    assert (found[b.pk].cycles, found[b.pk].families, found[b.pk].minutes) == (1, 1, 60)
    assert (found[none.pk].cycles, found[none.pk].families, found[none.pk].minutes) == (0, 0, 0)
    assert found[none.pk].requirement.cycles == 6
