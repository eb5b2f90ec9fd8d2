"""A family emailed through GOV.UK Notify (a local fake) adds the visit to their
calendar from the manage page, with JavaScript on and off; a guider prints the
letter for a family who asked for letters by post. axe runs on every page."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from referrals.models import Caregiver
from tests.e2e.conftest import PHONE, assert_accessible, visit
from tests.e2e.test_triage import sign_in_as
from tests.factories import TeamFactory, UserFactory
from tests.helpers import book, open_programme
from tests.scheduling.notify_fake import TEST_KEY, FakeNotify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EVENTS = ["visit_booked", "visit_changed", "visit_cancelled", "visit_reminder"]


@pytest.fixture
def fake_notify(settings):
    fake = FakeNotify().start()
    settings.NOTIFY_API_KEY = TEST_KEY
    settings.NOTIFY_BASE_URL = fake.url
    settings.NOTIFY_EMAIL_TEMPLATES = {name: f"email-{name}" for name in EVENTS}
    yield fake
    fake.stop()


def downloaded(page, link_name):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    download = info.value
    with open(download.path(), encoding="utf-8") as ics:
        return download.suggested_filename, ics.read()


def test_calendar_download_and_a_letter_to_print(live_server, browser, page, fake_notify, settings):
    team = TeamFactory(name="North Locality")
    lead = UserFactory(full_name="Tina Lead", team=team, role="team_lead")
    alice = UserFactory(full_name="Alice Guider", team=team)
    programme = open_programme(team.service, team_lead=lead, practitioner=alice)
    book(programme, alice, days=4, hour=14)
    (sent,) = fake_notify.sent
    assert sent["type"] == "email"
    link = urlsplit(sent["personalisation"]["link"]).path

    # JavaScript on, on a phone: the manage page offers the calendar file.
    visit(page, f"{live_server.url}{link}")
    expect(page.get_by_role("heading", name="Add to your calendar")).to_be_visible()
    name, ics = downloaded(page, "Download this appointment for your calendar")
    assert name == "appointment.ics"
    assert "METHOD:REQUEST" in ics and "UID:visit-" in ics and "SEQUENCE:0" in ics
    assert_accessible(page)
    visit(page, f"{live_server.url}{link[:-1]}xyz/calendar.ics")  # a changed token
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, this link does not work")

    # JavaScript off: the same link downloads the same file.
    family = browser.new_context(java_script_enabled=False, viewport=PHONE, accept_downloads=True)
    phone = family.new_page()
    phone.goto(f"{live_server.url}{link}")
    name, no_js_ics = downloaded(phone, "Download this appointment for your calendar")
    assert re.search(r"UID:\S+", no_js_ics).group(0) == re.search(r"UID:\S+", ics).group(0)
    family.close()

    # No Notify letters: a family who asked for letters gets one the guider posts.
    settings.NOTIFY_API_KEY = ""
    Caregiver.objects.filter(referral=programme.referral).update(
        preferred_contact="letter", address="1 Mill Lane\nStockport", safe_to_leave_message=True
    )
    book(programme, alice, days=9, hour=11)
    sign_in_as(page.context, live_server, alice)
    visit(page, f"{live_server.url}/staff/tasks/")
    page.get_by_role("link", name="Print the letter to Sam Jones").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Letter to post")
    expect(page.get_by_role("button", name="Print this letter")).to_be_visible()
    expect(page.get_by_role("article")).to_contain_text("We have booked your visit.")
    expect(page.get_by_role("article")).to_contain_text("SK1 3XE")
    assert_accessible(page)

    # The guider changes how to contact the family: a mistake explained, then saved.
    visit(page, f"{live_server.url}/staff/programmes/{programme.referral.reference}/")
    page.get_by_role("link", name="Change how to contact the family").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contact preferences")
    assert_accessible(page)
    page.get_by_label("Address (optional)", exact=True).fill("")
    page.get_by_role("button", name="Save contact preferences").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter their address to contact them by letter"
    )
    assert_accessible(page)
    page.get_by_label("Text message").check()
    page.get_by_role("button", name="Save contact preferences").click()
    expect(page.get_by_text("Prefers: text message")).to_be_visible()
    assert_accessible(page)
