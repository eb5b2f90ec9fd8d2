"""A practitioner on a phone: caseload → case page → consent on screen → withdrawal.

Then the diary, and finding the family again by search. axe runs on every page the
browser reaches, error states included.
"""

import re

import pytest
from playwright.sync_api import expect

from sessions.models import VisitKind
from tests.e2e.conftest import assert_accessible, visit
from tests.e2e.test_triage import go_to, sign_in_as
from tests.factories import TeamFactory, UserFactory
from tests.helpers import book, consent_form, open_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCOPE_QUESTIONS = [
    "Do they agree to being filmed?",
    "Do they agree to the film being kept for the programme?",
    "Do they agree to clips being shown to the VIG supervisor?",
    "Do they agree to clips being shown in group supervision with other trainees?",
    "Do they agree to clips being used in training or presentations?",
]


def test_practitioner_records_consent_then_the_parent_withdraws_filming(live_server, page):
    team = TeamFactory(name="North Locality")
    lead = UserFactory(
        email="tina@trust.invalid", full_name="Tina Lead", team=team, role="team_lead"
    )
    alice = UserFactory(email="alice@trust.invalid", full_name="Alice Guider", team=team)
    programme = open_programme(team.service, team_lead=lead, practitioner=alice)
    consent_form(team.service)
    filming = book(programme, alice, kind=VisitKind.FILMING, days=2, hour=10)

    # My caseload → the family's case page.
    sign_in_as(page.context, live_server, alice)
    visit(page, f"{live_server.url}/staff/")
    go_to(page, "My caseload")
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    row = page.get_by_role("row").filter(has_text=programme.reference)
    expect(row).to_contain_text("No consent yet")
    row.get_by_role("link", name=programme.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Robin Jones")
    expect(page.get_by_role("heading", name="Filming is not allowed")).to_be_visible()
    assert_accessible(page)

    # Record consent: an empty form first, then the answers, signed on screen.
    page.get_by_role("link", name="Record consent").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record consent")
    expect(page.get_by_text("We would like to film you and your baby")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record consent").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Select yes or no for being filmed")
    expect(summary).to_contain_text("Select how consent was given")
    assert_accessible(page)
    for question in SCOPE_QUESTIONS:
        answer = "No" if "training" in question else "Yes"
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    page.get_by_label("Signed on screen (typed name)").check()
    page.get_by_label("Name typed by the parent or carer, if signed on screen").fill("Sam Jones")
    page.get_by_role("button", name="Record consent").click()

    # What is allowed now.
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "Consent recorded for Sam Jones"
    )
    agreed = page.locator(".nhsuk-summary-list").filter(has_text="Being filmed")
    expect(
        agreed.locator(".nhsuk-summary-list__row").filter(has_text="Being filmed")
    ).to_contain_text("Yes")
    expect(agreed.locator(".nhsuk-summary-list__row").filter(has_text="training")).to_contain_text(
        "No"
    )
    expect(page.get_by_role("heading", name="Filming is not allowed")).to_have_count(0)
    assert_accessible(page)

    # The parent asks to stop filming.
    page.get_by_role("link", name="Withdraw consent").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Withdraw consent")
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw consent").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Select what the parent or carer wants to stop"
    )
    assert_accessible(page)
    page.get_by_label("Being filmed", exact=True).check()
    page.get_by_label("Reason they gave (optional)").fill("Feels awkward on camera")
    page.get_by_role("button", name="Withdraw consent").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Consent withdrawn")
    expect(page.get_by_text("We have sent a confirmation email to Sam Jones")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Filming visit on"))).to_have_count(1)
    expect(page.get_by_text("The rest of the family's care carries on")).to_be_visible()
    assert_accessible(page)

    # Back on the case page: the warning, with the filming visit that can't go ahead.
    page.get_by_role("link", name=f"Back to {programme.reference}").click()
    warning = page.locator(".nhsuk-card--warning")
    expect(warning).to_contain_text("Filming is not allowed")
    expect(warning).to_contain_text("Consent to filming has been withdrawn")
    expect(warning.get_by_role("link")).to_have_attribute(
        "href", re.compile(str(filming.public_id))
    )
    expect(page.locator(".app-timeline").get_by_text("Sam Jones withdrew consent")).to_be_visible()
    assert_accessible(page)

    # The consent history.
    page.get_by_role("link", name="Consent history").click()
    expect(
        page.get_by_role("heading", name=re.compile("Sam Jones withdrew consent"))
    ).to_be_visible()
    assert_accessible(page)

    # The diary, then one day of it.
    go_to(page, "Diary")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Diary")
    page.get_by_role("link", name=re.compile(r"^Print or view")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Diary")
    assert_accessible(page)

    # Finding the family again: a search with nothing in it, then by surname.
    go_to(page, "My caseload")
    page.get_by_role("link", name="Find a family by name or reference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a family")
    assert_accessible(page)
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a name or a reference")
    assert_accessible(page)
    page.get_by_label("Name or reference").fill("JONES")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 family found for “JONES”")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=programme.reference)).to_contain_text(
        "Robin Jones"
    )
    assert_accessible(page)

    # Programmes that have ended: none yet.
    go_to(page, "My caseload")
    page.get_by_role("link", name="Programmes that have ended").click()
    expect(page.get_by_text("No programmes have ended yet.")).to_be_visible()
    assert_accessible(page)
