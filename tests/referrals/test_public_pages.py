"""The public list of services, each service's page built from its configuration, and
choosing a service before referring."""

import pytest

from accounts.models import Service
from tests.factories import ServiceFactory
from tests.helpers import errors
from tests.helpers import main_text as text

pytestmark = pytest.mark.django_db


@pytest.fixture
def northmoor():
    return ServiceFactory(
        name="Northmoor VIG",
        slug="northmoor",
        description="Run by Northmoor's health visiting team from its family hubs.",
        eligible_areas="NM1, NM2, NM4 1",
        contact_phone="01632 960 101",
        contact_email="vig@northmoor.example",
        default_programme_visits=8,
    )


@pytest.fixture
def riverside():
    return ServiceFactory(
        name="Riverside Parent-Infant",
        slug="riverside",
        eligible_areas="RV1",
        max_child_age_months=24,
        accepts_unborn=True,
        requires_relationship_need=True,
        self_referral_open=False,
        default_programme_visits=6,
    )


def test_the_start_page_lists_every_service_with_a_link(client, northmoor, riverside):
    response = client.get("/")
    html = response.content.decode()
    assert '<a class="nhsuk-card__link" href="/services/northmoor/">Northmoor VIG</a>' in html
    assert (
        '<a class="nhsuk-card__link" href="/services/riverside/">Riverside Parent-Infant</a>'
        in html
    )
    assert "Run by Northmoor&#x27;s health visiting team from its family hubs." in html
    assert 'href="/refer/"' in html and 'href="/refer/professional/"' in html


def test_with_no_services_the_start_page_says_so(client):
    assert "There are no local services to show yet." in text(client.get("/"))


def test_a_service_page_explains_vig_and_how_to_refer(client, northmoor):
    response = client.get("/services/northmoor/")
    assert response.status_code == 200
    words = text(response)
    assert (
        "<title>Northmoor VIG – Video Interaction Guidance – NHS</title>"
        in response.content.decode()
    )
    for expected in [
        "What Video Interaction Guidance is",
        "first meeting",
        "goals",
        "We ask for your consent first",
        "a few minutes long",
        "shared review",
        "Most families have about 8 visits",
        "1 to 1.5 hours",
        "at your home, at a family hub or at a clinic",
        "You can withdraw your consent at any time",
        "This will not affect the care you or your child get",
        "live in the NM1, NM2 or NM4 1 postcode areas",
        "have a child under 5 years old",
        "mothers, fathers, foster carers, grandparents",
        "Phone: 01632 960 101",
        "Email: vig@northmoor.example",
    ]:
        assert expected in words, expected
    html = response.content.decode()
    assert 'href="/refer/northmoor/" role="button" draggable="false">Refer yourself</a>' in html
    assert 'href="/refer/professional/northmoor/"' in html
    assert 'href="tel:01632960101"' in html


def test_a_service_page_for_babies_and_professional_referral_only(client, riverside):
    words = text(client.get("/services/riverside/"))
    assert "have a baby or child under 2 years old, or are expecting a baby" in words
    assert "have an identified need in the relationship between parent and baby" in words
    assert "Most families have about 6 visits" in words
    assert "Refer yourself" not in words
    assert "Ask your health visitor, midwife or GP to refer you" in words


def test_a_service_for_families_anywhere_does_not_mention_an_area(client):
    ServiceFactory(slug="anywhere", eligible_areas="", max_child_age_months=18)
    words = text(client.get("/services/anywhere/"))
    assert "postcode area" not in words
    assert "have a baby or child under 18 months old" in words


def test_an_unknown_service_is_not_found(client):
    assert client.get("/services/nowhere/").status_code == 404
    assert client.get("/refer/nowhere/").status_code == 404
    assert client.get("/refer/professional/nowhere/postcode/").status_code == 404


def test_refer_goes_straight_to_the_only_service_taking_self_referrals(
    client, northmoor, riverside
):
    response = client.get("/refer/")
    assert response.status_code == 302 and response["Location"] == "/refer/northmoor/"


def test_refer_asks_which_service_when_several_take_self_referrals(client, northmoor):
    ServiceFactory(name="Southmoor VIG", slug="southmoor", eligible_areas="SM1")
    response = client.get("/refer/")
    html = response.content.decode()
    assert "Which service do you want to refer yourself to?" in html
    assert 'value="northmoor"' in html and 'value="southmoor"' in html
    assert "live in the SM1 postcode area" in text(response)
    response = client.post("/refer/", {})
    assert errors(response) == ["Select the service you want to refer to"]
    assert "<title>Error: " in response.content.decode()
    response = client.post("/refer/", {"service": "southmoor"})
    assert response["Location"] == "/refer/southmoor/"


def test_a_closed_service_cannot_be_chosen(client, northmoor, riverside):
    ServiceFactory(slug="southmoor")
    response = client.post("/refer/", {"service": "riverside"})
    assert errors(response) == ["Select the service you want to refer to"]


def test_professional_referral_asks_which_service_when_several_take_them(
    client, northmoor, riverside
):
    response = client.get("/refer/professional/")
    assert "Which service do you want to refer the family to?" in response.content.decode()
    response = client.post("/refer/professional/", {"service": "riverside"})
    assert response["Location"] == "/refer/professional/riverside/"


def test_when_no_service_takes_self_referrals_the_page_says_who_to_contact(client, riverside):
    response = client.get("/refer/")
    assert response.status_code == 200
    words = text(response)
    assert "Online self-referral is not available" in words
    assert riverside.name in words and riverside.contact_email in words


def test_a_badly_configured_area_does_not_break_the_public_pages(client, northmoor):
    Service.objects.filter(pk=northmoor.pk).update(eligible_areas="not an area")
    response = client.get("/services/northmoor/")
    assert response.status_code == 200
    assert "postcode area" not in text(response)
