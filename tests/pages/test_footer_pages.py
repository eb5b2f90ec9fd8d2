"""The pages every public NHS service publishes: open to anyone, linked from every
page's footer, and saying what the configuration says."""

import re

import pytest
from django.urls import reverse

from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

FOOTER_PAGES = {
    "pages:contact": "Contact us",
    "pages:feedback": "Give feedback",
    "pages:privacy": "Privacy notice",
    "pages:accessibility": "Accessibility statement",
    "pages:cookies": "Cookies",
}


@pytest.fixture
def service(team):
    return team.service


def footer(response):
    html = response.content.decode()
    return html.split('<footer class="nhsuk-footer"')[1].split("</footer>")[0]


def footer_links(response):
    return dict(
        (text.strip(), href)
        for href, text in re.findall(
            r'<a class="nhsuk-footer__list-item-link" href="([^"]*)">([^<]*)</a>', footer(response)
        )
    )


def text(response):
    html = response.content.decode()
    main = html.split('<main class="nhsuk-main-wrapper" id="maincontent">')[1].split("</main>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.mark.parametrize("name", FOOTER_PAGES)
def test_every_footer_page_is_open_to_anyone(client, service, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert client.head(reverse(name)).status_code == 200
    assert '<footer class="nhsuk-footer" role="contentinfo">' in response.content.decode()


@pytest.mark.parametrize("name", FOOTER_PAGES)
def test_footer_pages_are_open_to_signed_in_staff_too(staff_client, practitioner, name):
    assert staff_client(practitioner).get(reverse(name)).status_code == 200


@pytest.mark.parametrize(
    "name", ["pages:contact", "pages:privacy", "pages:accessibility", "pages:cookies"]
)
def test_information_pages_take_no_posts(client, name):
    assert client.post(reverse(name)).status_code == 405


def test_the_footer_of_every_kind_of_page_links_to_every_footer_page(
    client, staff_client, service, team_lead
):
    public = [
        "/",
        reverse("public:service", args=[service.slug]),
        reverse("public:self_step", args=[service.slug, "postcode"]),
        reverse("pages:privacy"),
    ]
    pages = [client.get(url) for url in public]
    pages.append(staff_client(team_lead).get(reverse("accounts:home")))
    for response in pages:
        assert response.status_code == 200
        links = footer_links(response)
        for name, label in FOOTER_PAGES.items():
            assert links[label].split("?")[0] == reverse(name), (response.request, label)


def test_on_a_services_own_pages_contact_and_feedback_are_about_that_service(client, service):
    links = footer_links(client.get(reverse("public:service", args=[service.slug])))
    assert links["Contact us"] == f"/contact/?service={service.slug}"
    assert links["Give feedback"] == f"/feedback/?service={service.slug}"
    links = footer_links(client.get("/"))
    assert links["Contact us"] == "/contact/"


def test_the_footer_names_the_organisation_running_the_service(client, settings):
    settings.SERVICE_ORGANISATION_NAME = "Northmoor NHS Foundation Trust"
    html = footer(client.get("/"))
    assert "&copy; Northmoor NHS Foundation Trust" in html
    assert "NHS England" not in html


def test_the_error_pages_footer_names_the_organisation_too(settings):
    from django.template import loader

    settings.SERVICE_ORGANISATION_NAME = "Northmoor NHS Foundation Trust"
    html = loader.get_template("500.html").render()
    assert "&copy; Northmoor NHS Foundation Trust" in html
    assert 'href="/privacy/"' in html


# --- Privacy notice ------------------------------------------------------------------------


def test_privacy_notice_names_the_controller_and_how_to_reach_it_phone_first(client, settings):
    settings.SERVICE_ORGANISATION_NAME = "Northmoor NHS Foundation Trust"
    settings.SERVICE_ORGANISATION_PHONE = "01632 960 999"
    settings.SERVICE_ORGANISATION_EMAIL = "info@northmoor.example"
    settings.SERVICE_ORGANISATION_ADDRESS = "Northmoor Hospital, Mill Road, Northmoor, NM1 1AA"
    settings.DATA_PROTECTION_OFFICER_EMAIL = "dpo@northmoor.example"
    words = text(client.get(reverse("pages:privacy")))
    assert (
        "Video Interaction Guidance is run by Northmoor NHS Foundation Trust. Northmoor NHS "
        "Foundation Trust is responsible for your information." in words
    )
    assert "Phone: 01632 960 999 Email: info@northmoor.example Post: Northmoor Hospital, " in words
    assert "data protection officer by email: dpo@northmoor.example" in words


def test_privacy_notice_gives_the_legal_bases_for_notes_and_for_films(client):
    words = text(client.get(reverse("pages:privacy")))
    assert "public task (Article 6(1)(e))" in words
    assert "Article 9(2)(h): providing health or social care" in words
    assert "explicit consent (Article 6(1)(a) and Article 9(2)(a))" in words
    assert "change your mind at any time" in words


def test_privacy_notice_keeps_records_and_films_for_different_times(client, settings):
    words = text(client.get(reverse("pages:privacy")))
    assert "Until your child's 25th birthday, or their 26th birthday if they were 17" in words
    assert "Deleted 60 days (about 2 months) after your programme ends" in words
    settings.FILM_RETENTION_DAYS = 90
    words = text(client.get(reverse("pages:privacy")))
    assert "Deleted 90 days (about 3 months) after your programme ends" in words


def test_privacy_notice_says_how_to_complain_to_the_ico(client):
    html = client.get(reverse("pages:privacy")).content.decode()
    assert '<a href="tel:03031231113">0303 123 1113</a>' in html
    assert '<a href="https://ico.org.uk/make-a-complaint/">' in html
    words = text(client.get(reverse("pages:privacy")))
    assert "Your rights" in words and "ask for a copy of the information" in words


def test_without_organisation_contact_details_people_are_sent_to_their_service(client):
    words = text(client.get(reverse("pages:privacy")))
    assert "Example NHS Trust is responsible for your information" in words
    assert "Contact your local service, using the details on our contact page" in words


# --- Accessibility statement -------------------------------------------------------------


def test_accessibility_statement_has_the_sections_the_regulations_ask_for(client, settings):
    settings.SERVICE_ORGANISATION_NAME = "Northmoor NHS Foundation Trust"
    words = text(client.get(reverse("pages:accessibility")))
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ):
        assert heading in words
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in (
        words
    )
    assert "Northmoor NHS Foundation Trust is committed to making its website accessible" in words
    assert "Equality and Human Rights Commission (EHRC)" in words
    assert "Equality Commission for Northern Ireland (ECNI)" in words
    assert "This statement was prepared on 1 December 2026." in words
    assert "axe-core" in words and "375 pixels" in words and "JavaScript turned off" in words


def test_accessibility_statement_states_the_time_limit_it_has(client, settings):
    words = text(client.get(reverse("pages:accessibility")))
    assert "After 30 minutes without use, answers in a referral form are deleted" in words
    assert "2.2.1 (timing adjustable)" in words


# --- Contact -------------------------------------------------------------------------------


def test_contact_page_lists_every_services_phone_before_its_email(client, service):
    other = ServiceFactory(name="Riverside VIG", contact_phone="01632 960 202")
    html = client.get(reverse("pages:contact")).content.decode()
    for each in (service, other):
        assert f'<h2 class="nhsuk-heading-m">{each.name}</h2>' in html
        section = html.split(f"{each.name}</h2>")[1]
        assert section.index(each.contact_phone) < section.index(each.contact_email)
    assert '<a href="tel:01632960202">01632 960 202</a>' in html


def test_contact_page_for_one_service_shows_only_that_service(client, service):
    other = ServiceFactory(name="Riverside VIG")
    response = client.get(reverse("pages:contact"), {"service": service.slug})
    words = text(response)
    assert f"Contact {service.name}" in words
    assert service.contact_phone in words
    assert other.name not in words
    assert f'href="/feedback/?service={service.slug}"' in response.content.decode()


def test_contact_page_with_an_unknown_service_shows_them_all(client, service):
    words = text(client.get(reverse("pages:contact"), {"service": "nope"}))
    assert "Contact us" in words and service.name in words
