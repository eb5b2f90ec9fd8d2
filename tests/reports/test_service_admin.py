"""A service admin reads the reports of their service's teams, and no other
service's; they can pick one of their teams, and never see a family's records."""

from datetime import UTC, datetime

import pytest

from accounts.models import Role
from reports import queries
from reports.filters import ReportFilters
from reports.pages import REPORTS
from sessions import actions
from sessions.models import VisitKind
from tests.factories import TeamFactory, UserFactory
from tests.helpers import open_programme, signed_in_client

pytestmark = pytest.mark.django_db
EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


@pytest.fixture
def service_world(team, team_lead, practitioner, other_team):
    """Two teams in the service, one family and one visit each; a third in another."""
    service = team.service
    south = TeamFactory(service=service, name="South Locality")
    south_lead = UserFactory(team=south, role=Role.TEAM_LEAD)
    elsewhere_lead = UserFactory(team=other_team, role=Role.TEAM_LEAD)
    families = [
        open_programme(service, team_lead=team_lead, practitioner=practitioner, last_name="N"),
        open_programme(service, team_lead=south_lead, practitioner=south_lead, last_name="S"),
        open_programme(other_team.service, team_lead=elsewhere_lead, practitioner=elsewhere_lead),
    ]
    for programme in families:
        actions.book_visit(
            programme=programme,
            kind=VisitKind.FIRST_MEETING,
            starts_at=datetime(2030, 1, 7, 10, tzinfo=UTC),
            place="home",
            by=programme.guider,
        )
    admin = UserFactory(team=team, role=Role.SERVICE_ADMIN)
    return {"admin": admin, "south": south, "families": families}


def test_a_service_admin_counts_their_services_teams(service_world, team):
    scope = queries.Scope(service_world["admin"])
    assert scope.programmes().count() == 2
    assert queries.visit_mix(scope, *EVER)["total"] == 2
    assert scope.referrals().count() == 2
    assert queries.headlines(scope, *EVER, EVER[1])["open"] == 2
    one_team = queries.Scope(service_world["admin"], team=service_world["south"])
    assert queries.visit_mix(one_team, *EVER)["total"] == 1
    assert one_team.programmes().count() == one_team.referrals().count() == 1


def test_another_services_team_counts_nothing(service_world, other_team):
    scope = queries.Scope(service_world["admin"], team=other_team)
    assert queries.visit_mix(scope, *EVER)["total"] == 0
    assert scope.programmes().count() == scope.referrals().count() == 0


def test_the_team_filter_offers_their_services_teams(service_world, team, other_team):
    form = ReportFilters(None, user=service_world["admin"])
    assert set(form.fields["team"].queryset) == {team, service_world["south"]}
    lead_form = ReportFilters(None, user=team.members.get(role=Role.TEAM_LEAD))
    assert list(lead_form.fields["team"].queryset) == [team]


@pytest.mark.parametrize("slug", ["", "csds/", *(f"{slug}/" for slug in REPORTS)])
def test_every_report_page_shows_to_a_service_admin(service_world, slug):
    client = signed_in_client(service_world["admin"])
    assert client.get(f"/staff/reports/{slug}").status_code == 200


def test_the_navigation_has_reports_but_no_caseload(service_world):
    html = signed_in_client(service_world["admin"]).get("/staff/").content.decode()
    assert 'href="/staff/reports/"' in html
    assert 'href="/staff/programmes/"' not in html


def test_the_caseload_report_lists_their_services_guiders(service_world, practitioner):
    response = signed_in_client(service_world["admin"]).get("/staff/reports/caseload/")
    names = {row[0] for row in response.context["report"].sections[0].table.rows}
    assert practitioner.full_name in names
    assert len(names) >= 2


def test_a_service_admin_still_sees_no_family(service_world):
    admin = service_world["admin"]
    programme = service_world["families"][0]
    response = signed_in_client(admin).get(programme.get_absolute_url())
    assert response.status_code == 404
