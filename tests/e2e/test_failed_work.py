"""A team lead finds failed work from the staff home and tries it again, in a real
browser with axe on every page; then the same with JavaScript off."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from scheduling.models import DueWork, WorkKind, WorkState
from tests.e2e.conftest import PHONE, assert_accessible, visit
from tests.e2e.test_triage import sign_in_as
from tests.factories import TeamFactory, UserFactory
from tests.helpers import book, open_programme

TRY_AGAIN = re.compile(r"^Try again\W+Visit reminder")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def failed_reminders(team, lead):
    alice = UserFactory(full_name="Alice Guider", team=team)
    programme = open_programme(team.service, team_lead=lead, practitioner=alice)
    book(programme, alice, days=10)
    book(programme, alice, days=12)
    reminders = DueWork.objects.filter(kind=WorkKind.REMINDER, payload__days=7)
    reminders.update(
        state=WorkState.FAILED,
        attempts=5,
        last_error="SMTPServerDisconnected('Connection unexpectedly closed')",
        finished_at=timezone.now(),
    )
    return programme


def test_the_team_lead_tries_failed_work_again_from_the_home_page(live_server, browser, page):
    team = TeamFactory(name="North Locality")
    lead = UserFactory(full_name="Tina Lead", team=team, role=Role.TEAM_LEAD)
    programme = failed_reminders(team, lead)

    sign_in_as(page.context, live_server, lead)
    visit(page, f"{live_server.url}/staff/")
    with page.expect_navigation():
        page.get_by_role("link", name="2 scheduled jobs and 0 messages failed").click()
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Failed messages and scheduled work")
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(3)  # the header and two rows
    expect(table).to_contain_text(programme.reference)
    expect(table).to_contain_text("The mail server would not take the email.")

    page.get_by_role("button", name=TRY_AGAIN).first.click()
    expect(page.get_by_text("It will be tried again within a minute.")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(2)
    assert DueWork.objects.filter(state=WorkState.DUE, kind=WorkKind.REMINDER).count() == 3

    # Without JavaScript the page and its button work the same.
    plain = browser.new_context(java_script_enabled=False, viewport=PHONE)
    sign_in_as(plain, live_server, lead)
    without_js = plain.new_page()
    without_js.goto(f"{live_server.url}/staff/tasks/failed/")
    without_js.get_by_role("button", name=TRY_AGAIN).click()
    expect(without_js.get_by_text("It will be tried again within a minute.")).to_be_visible()
    expect(without_js.get_by_text("No scheduled work has failed.")).to_be_visible()
    plain.close()
    assert not DueWork.objects.filter(state=WorkState.FAILED).exists()
