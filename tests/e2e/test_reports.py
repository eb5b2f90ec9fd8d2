"""A team lead reads the reports on a phone: axe on every report page, and a table
beside every chart."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from reports.load import generate
from reports.pages import REPORTS
from tests.e2e.conftest import assert_accessible, visit
from tests.e2e.test_triage import go_to, sign_in_as
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_team_lead_reads_every_report(live_server, page, context):
    made = generate(families=60, visits=600, seed=7, now=timezone.now() - timedelta(days=1))
    team = made["service"].teams.first()
    lead = UserFactory(
        email="lead@trust.invalid", full_name="Lena Lead", team=team, role=Role.TEAM_LEAD
    )
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in_as(context, live_server, lead)
    page.goto(f"{live_server.url}/staff/")
    go_to(page, "Reports")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reports")
    page.get_by_label("Period").select_option("this_year")
    page.get_by_role("button", name="Show").click()
    assert_accessible(page)
    for slug in REPORTS:
        visit(page, f"{live_server.url}/staff/reports/{slug}/?period=all")
        charts = page.locator("svg.app-chart")
        for i in range(charts.count()):
            figure = charts.nth(i).locator("xpath=ancestor::section[1]")
            expect(figure.locator("table")).to_have_count(1)
            expect(figure.locator("figcaption")).not_to_be_empty()
    visit(page, f"{live_server.url}/staff/reports/csds/")
    expect(page.get_by_role("button", name=re.compile("Download Referrals"))).to_be_visible()
