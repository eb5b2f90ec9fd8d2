"""The footer pages and the feedback form in a real browser at phone width, with
JavaScript on and off, checked by axe on every page — error states included —
and the team lead's feedback page."""

import os
import uuid

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from pages.actions import record_feedback
from pages.models import Feedback
from tests.e2e.conftest import PHONE, assert_accessible, visit
from tests.e2e.test_referral_journeys import checked_as_served
from tests.e2e.test_triage import go_to, sign_in_as
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOOTER_PAGES = {
    "Contact us": ("/contact/", "Contact us"),
    "Give feedback": ("/feedback/", "What did you think of Northmoor VIG?"),
    "Privacy notice": ("/privacy/", "Privacy notice"),
    "Accessibility statement": (
        "/accessibility/",
        "Accessibility statement for Video Interaction Guidance",
    ),
    "Cookies": ("/cookies/", "Cookies on Video Interaction Guidance"),
}


@pytest.fixture
def service():
    return ServiceFactory(
        name="Northmoor VIG",
        slug="northmoor",
        contact_phone="01632 960 101",
        contact_email="vig@northmoor.example",
    )


# Set to a folder to keep screenshots of each page for a person to look at.
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS")


def screenshot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def fits_the_phone(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_each_footer_page_from_the_start_page_at_phone_width(live_server, page, service):
    for link_text, (path, heading) in FOOTER_PAGES.items():
        visit(page, live_server.url + "/")
        footer = page.get_by_role("contentinfo")
        footer.get_by_role("link", name=link_text, exact=True).click()
        assert page.url == live_server.url + path
        assert_accessible(page)
        expect(page.locator("h1")).to_have_text(heading)
        assert fits_the_phone(page), path
        screenshot(page, path.strip("/"))
    expect(page.get_by_role("contentinfo")).to_contain_text("© Example NHS Trust")


def test_a_parent_gives_feedback_on_a_phone(live_server, page, service):
    visit(page, f"{live_server.url}/services/northmoor/")
    page.get_by_role("contentinfo").get_by_role("link", name="Give feedback").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send feedback").click()
    assert_accessible(page)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Select how satisfied you were with the service"
    )
    assert page.title().startswith("Error: ")
    screenshot(page, "feedback-error")
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_label("How could we improve the service? (optional)").fill("Evening visits")
    page.get_by_role("button", name="Send feedback").click()
    assert_accessible(page)
    expect(page.locator("h1")).to_have_text("Thank you for your feedback")
    feedback = Feedback.objects.get()
    assert (feedback.service, feedback.satisfaction, feedback.improve) == (
        service,
        4,
        "Evening visits",
    )


def test_the_footer_pages_and_feedback_work_with_javascript_turned_off(
    live_server, browser, page, service
):
    ServiceFactory(name="Riverside VIG", slug="riverside")
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    no_js = context.new_page()
    check = checked_as_served(page)
    try:
        no_js.goto(f"{live_server.url}/")
        for link_text, (path, _heading) in FOOTER_PAGES.items():
            no_js.get_by_role("contentinfo").get_by_role("link", name=link_text).click()
            assert no_js.url == live_server.url + path
            check(no_js)
        no_js.goto(f"{live_server.url}/feedback/")
        no_js.get_by_label("Very satisfied").check()
        no_js.get_by_role("button", name="Send feedback").click()
        check(no_js)
        expect(no_js.locator(".nhsuk-error-summary")).to_contain_text("Select the service you used")
        no_js.get_by_label("Riverside VIG").check()
        no_js.get_by_role("button", name="Send feedback").click()
        check(no_js)
        expect(no_js.locator("h1")).to_have_text("Thank you for your feedback")
        assert no_js.locator("body.js-enabled").count() == 0
        feedback = Feedback.objects.get()
        assert (feedback.service.slug, feedback.satisfaction) == ("riverside", 5)
    finally:
        context.close()


def test_a_team_lead_reads_the_feedback_on_a_phone(live_server, page):
    team = TeamFactory(name="North Locality")
    lead = UserFactory(full_name="Tina Lead", team=team, role=Role.TEAM_LEAD)
    for n in range(3):
        record_feedback(
            service=team.service,
            satisfaction=5 - n,
            improve=f"Suggestion {n}",
            submission_key=uuid.uuid4(),
        )
    sign_in_as(page.context, live_server, lead)
    visit(page, f"{live_server.url}/staff/")
    go_to(page, "Feedback")
    expect(page.locator("h1")).to_have_text("Feedback from families")
    expect(page.locator("main")).to_contain_text("Suggestion 2")
    assert fits_the_phone(page)
    screenshot(page, "staff-feedback")
