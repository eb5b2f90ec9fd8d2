"""A team lead triages and allocates on a phone; the practitioner finds the family.

axe runs on every page the browser reaches, error states included.
"""

import re
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Role
from tests.e2e.conftest import assert_accessible, visit
from tests.factories import TeamFactory, UserFactory
from tests.helpers import make_referral, sign_in_fully

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as(context, live_server, user):
    """Give the browser the session of ``user``, signed in with a verified second factor."""
    client = sign_in_fully(Client(), user)
    context.clear_cookies()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def go_to(page, link_text):
    """Follow a staff navigation link, opening "More" first when the phone folds it away."""
    navigation = page.get_by_role("navigation", name="Menu")
    link = navigation.get_by_role("link", name=link_text, exact=True)
    if not link.is_visible():
        navigation.get_by_role("button", name=re.compile("More")).click()
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()
    assert_accessible(page)


def test_team_lead_links_a_duplicate_triages_and_allocates_then_practitioner_sees_it(
    live_server, page
):
    team = TeamFactory(name="North Locality")
    lead = UserFactory(
        email="tina@trust.invalid", full_name="Tina Lead", team=team, role=Role.TEAM_LEAD
    )
    alice = UserFactory(email="alice@trust.invalid", full_name="Alice Guider", team=team)
    first = make_referral(team.service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    second = make_referral(
        team.service, last_name="Doe", date_of_birth=date(2025, 3, 1), postcode="SK2 4AB"
    )
    make_referral(team.service, last_name="Other", date_of_birth=date(2024, 8, 9))

    # The inbox flags the two referrals for the same child.
    sign_in_as(page.context, live_server, lead)
    visit(page, f"{live_server.url}/staff/")
    go_to(page, "Referrals")
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals")
    rows = page.get_by_role("row")
    expect(rows.filter(has_text="Possible duplicate")).to_have_count(2)

    # Side by side, then linked.
    page.get_by_role("link", name=first.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Robin Doe")
    assert_accessible(page)
    page.get_by_role("link", name=f"Compare with {second.reference}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Compare {first.reference} and {second.reference}"
    )
    expect(
        page.get_by_role("row", name=re.compile("Date of birth or due date Same"))
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="These are the same family").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        f"{first.reference} and {second.reference} are linked as one family"
    )
    expect(page.get_by_role("heading", name="Linked referrals")).to_be_visible()
    assert_accessible(page)

    # Triage: declining needs a reason.
    page.get_by_role("button", name="Triage this referral").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Robin Doe")
    assert_accessible(page)
    page.get_by_label("Decline", exact=True).check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter why you are declining this referral"
    )
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)

    page.get_by_label("Accept to the waiting list").check()
    page.get_by_label("Urgent", exact=True).check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        f"{first.reference} is on the waiting list as urgent"
    )
    assert_accessible(page)

    # On the waiting list, in its national band.
    go_to(page, "Waiting list")
    row = page.get_by_role("row").filter(has_text=first.reference)
    expect(row).to_contain_text("0 to 1 weeks")
    expect(row).to_contain_text("Urgent")

    # Allocated to Alice.
    row.get_by_role("link", name=f"Allocate {first.reference}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who should work with this family?")
    assert_accessible(page)
    page.get_by_label("Alice Guider (0 open cases)").check()
    page.get_by_role("button", name="Allocate").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        f"{first.reference} is allocated to Alice Guider"
    )
    assert_accessible(page)

    # Alice finds the family under "My caseload".
    sign_in_as(page.context, live_server, alice)
    visit(page, f"{live_server.url}/staff/")
    go_to(page, "My caseload")
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    family = page.get_by_role("row").filter(has_text=first.reference)
    expect(family).to_contain_text("Robin Doe")
    family.get_by_role("link", name=first.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Robin Doe")
    expect(page.get_by_role("button", name="Triage this referral")).to_have_count(0)
    assert_accessible(page)
