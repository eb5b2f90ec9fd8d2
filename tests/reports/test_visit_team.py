"""Programme.team and Visit.team (the family's team, ADR 0011) are kept equal to the
referral's team, so the reports' reads by them count what the scoped querysets would."""

from datetime import UTC, datetime

import pytest

from accounts.models import Role
from referrals import actions as referral_actions
from reports import queries
from sessions.models import Programme, Visit
from tests.factories import UserFactory

from .test_figures import NOW, lead_scope, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def by_relation(user, team):
    return set(
        Visit.objects.visible_to(user)
        .filter(programme__referral__team=team)
        .values_list("pk", flat=True)
    )


def test_every_programme_and_visit_has_its_familys_team(world, team, other_team):  # noqa: F811
    both = {(team.pk, team.pk), (other_team.pk, other_team.pk)}
    assert set(Programme.objects.values_list("team_id", "referral__team_id")) == both
    assert set(Visit.objects.values_list("team_id", "programme__referral__team_id")) == both


def test_the_team_column_counts_what_the_scope_does(world, team, team_lead):  # noqa: F811
    assert set(lead_scope(team_lead).visits().values_list("pk", flat=True)) == by_relation(
        team_lead, team
    )
    assert len(by_relation(team_lead, team)) == 5


def test_visits_move_with_the_family_to_another_team(world, team, team_lead, other_team):  # noqa: F811
    programme = world["a"]
    other_lead = UserFactory(team=other_team, role=Role.TEAM_LEAD)
    moved = Visit.objects.filter(programme=programme).count()
    referral_actions.allocate(referral=programme.referral, practitioner=other_lead, by=other_lead)
    assert set(Visit.objects.filter(programme=programme).values_list("team_id", flat=True)) == {
        other_team.pk
    }
    assert Programme.objects.get(pk=programme.pk).team_id == other_team.pk
    assert lead_scope(team_lead).programmes().filter(pk=programme.pk).count() == 0
    start, end = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    mix = queries.visit_mix(lead_scope(team_lead), start, end)
    assert mix["total"] == 5 - moved
    assert queries.visit_mix(lead_scope(other_lead), start, end)["total"] == 1 + moved
    assert set(lead_scope(other_lead).visits().values_list("pk", flat=True)) == by_relation(
        other_lead, other_team
    )
