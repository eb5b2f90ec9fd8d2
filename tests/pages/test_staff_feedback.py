"""Team leads read what families thought of their own service; nobody else does."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from pages.actions import record_feedback
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("pages:staff_feedback")


@pytest.fixture
def service(team):
    return team.service


def give(service, count=1, satisfaction=4, improve="More evening visits"):
    for n in range(count):
        record_feedback(
            service=service,
            satisfaction=satisfaction,
            improve=f"{improve} {n}",
            submission_key=uuid.uuid4(),
        )


@pytest.fixture
def other_lead(db):
    """A team lead of another service."""
    return UserFactory(full_name="Olu Other", role=Role.TEAM_LEAD, team=TeamFactory())


def test_a_team_lead_reads_their_services_feedback_with_a_summary(staff_client, team_lead, service):
    give(service, 2, satisfaction=5)
    give(service, 1, satisfaction=2, improve="Shorter waits")
    response = staff_client(team_lead).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Feedback from families</h1>" in html
    assert f"about {service.name}, newest first" in html
    assert "Shorter waits 0" in html and "More evening visits 1" in html
    summary = dict(response.context["summary"])
    assert summary["Very satisfied"] == 2 and summary["Dissatisfied"] == 1
    assert response.context["total"] == 3
    assert "Cache-Control" in response and "no-store" in response["Cache-Control"]


def test_a_team_lead_of_another_service_sees_none_of_it(staff_client, service, other_lead):
    give(service, 3, improve="Secret suggestion")
    give(other_lead.team.service, 1, improve="Their own")
    response = staff_client(other_lead).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Secret suggestion" not in html
    assert "Their own 0" in html
    assert response.context["total"] == 1


def test_a_team_lead_of_another_team_in_the_same_service_reads_it_too(staff_client, service):
    give(service, 1, improve="Shared")
    lead = UserFactory(role=Role.TEAM_LEAD, team=TeamFactory(service=service))
    assert "Shared 0" in staff_client(lead).get(URL).content.decode()


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR])
def test_staff_without_the_permission_are_refused(staff_client, team, service, role):
    give(service, 1)
    user = UserFactory(role=role, team=team)
    response = staff_client(user).get(URL)
    assert response.status_code == 403
    assert "More evening visits" not in response.content.decode()


def test_the_outsider_is_refused(staff_client, outsider, service):
    give(service, 1)
    assert staff_client(outsider).get(URL).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client, service):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_page_is_read_only(staff_client, team_lead):
    assert staff_client(team_lead).post(URL).status_code == 405


def test_a_superuser_reads_every_service_with_its_name(staff_client, service):
    other = ServiceFactory(name="Riverside VIG")
    give(service, 1)
    give(other, 1)
    admin = UserFactory(role=Role.SERVICE_ADMIN, team=None, is_superuser=True, is_staff=True)
    response = staff_client(admin).get(URL)
    assert response.context["total"] == 2
    assert "Riverside VIG" in response.content.decode()


def test_no_feedback_yet(staff_client, team_lead):
    assert "There is no feedback yet." in staff_client(team_lead).get(URL).content.decode()


def test_feedback_is_paginated_newest_first(staff_client, team_lead, service):
    give(service, 30)
    client = staff_client(team_lead)
    first = client.get(URL)
    assert len(first.context["rows"]) == 25
    assert first.context["rows"][0].improve == "More evening visits 29"
    second = client.get(URL, {"page": 2})
    assert [row.improve for row in second.context["rows"]][-1] == "More evening visits 0"
    assert len(second.context["rows"]) == 5
    assert client.get(URL, {"page": "junk"}).status_code == 200


def test_query_count_is_the_same_for_2_and_20_answers(
    staff_client, team_lead, service, django_assert_num_queries
):
    client = staff_client(team_lead)
    give(service, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    give(service, 18)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(response.context["rows"]) == 20


def test_the_navigation_offers_feedback_to_team_leads_only(staff_client, team_lead, practitioner):
    html = staff_client(team_lead).get(reverse("accounts:home")).content.decode()
    navigation = html.split('aria-label="Menu"')[1].split("</nav>")[0]
    assert f'href="{URL}"' in navigation
    html = staff_client(practitioner).get(reverse("accounts:home")).content.decode()
    navigation = html.split('aria-label="Menu"')[1].split("</nav>")[0]
    assert f'href="{URL}"' not in navigation
