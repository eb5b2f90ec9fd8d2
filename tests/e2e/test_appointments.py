"""A family manages their appointment from the emailed link, on a phone, with
JavaScript off; the guider then finds their request on the staff home and in My
tasks. axe runs on every page, error states and the bad-link page included."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from sessions.models import VisitKind
from tests.e2e.conftest import PHONE, assert_accessible, visit
from tests.e2e.test_triage import sign_in_as
from tests.factories import TeamFactory, UserFactory
from tests.helpers import book, give_consent, happened, open_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_family_asks_to_rearrange_and_the_guider_sees_it(live_server, browser, page):
    team = TeamFactory(name="North Locality")
    lead = UserFactory(full_name="Tina Lead", team=team, role="team_lead")
    alice = UserFactory(full_name="Alice Guider", team=team)
    programme = open_programme(team.service, team_lead=lead, practitioner=alice)
    give_consent(programme, alice)
    happened(programme, alice, kind=VisitKind.FILMING, days=-1)  # a review is proposed
    mail.outbox.clear()
    book(programme, alice, days=4, hour=14)
    (message,) = mail.outbox
    link = re.search(r"(/appointments/\S+/)", message.body).group(1)

    # The family, on a phone: every page checked with axe.
    visit(page, f"{live_server.url}{link}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your visit")
    page.get_by_role("button", name="Ask to change the time").click()
    expect(page.get_by_role("alert")).to_contain_text("Tell us which days and times suit you")
    assert_accessible(page)
    page.get_by_label("Which days and times suit you better?").fill("Mornings, please")
    page.get_by_role("button", name="Ask to change the time").click()
    expect(page.get_by_text("Alice will contact you to find a better time")).to_be_visible()
    assert_accessible(page)
    visit(page, f"{live_server.url}{link[:-4]}xyz/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, this link does not work")

    # With JavaScript off (axe needs it, so this part only checks it works).
    family = browser.new_context(java_script_enabled=False, viewport=PHONE)
    phone = family.new_page()
    phone.goto(f"{live_server.url}{link}")
    phone.get_by_role("button", name="Yes, I will be there").click()
    expect(phone.get_by_text("You have told us you will be there.")).to_be_visible()
    family.close()

    sign_in_as(page.context, live_server, alice)
    visit(page, f"{live_server.url}/staff/")
    expect(page.get_by_role("heading", name="Proposed visits to confirm")).to_be_visible()
    expect(page.get_by_text("Sam asked to rearrange a visit", exact=True)).to_be_visible()
    visit(page, f"{live_server.url}/staff/tasks/")
    page.get_by_role("button", name=re.compile("Sam asked to rearrange")).click()
    expect(page.get_by_text("Done: Sam asked to rearrange a visit", exact=True)).to_be_visible()
    assert_accessible(page)
