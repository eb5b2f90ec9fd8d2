"""Staff sign-in in a real browser at phone size, with axe on every page reached."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.audit import record
from accounts.models import Role
from tests.e2e.conftest import assert_accessible, visit
from tests.factories import PASSWORD, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_from_key(readable_key):
    """What an authenticator app shows for the key typed in from the page."""
    key = readable_key.replace(" ", "").upper()
    key += "=" * (-len(key) % 8)
    return f"{totp(b32decode(key)):06d}"


def sign_in_with_password(page, email, password):
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()


def test_new_practitioner_sets_up_two_factor_and_reaches_staff_home(live_server, page):
    UserFactory(
        email="nadia@trust.invalid",
        full_name="Nadia Newstarter",
        team=TeamFactory(name="North Locality"),
    )

    visit(page, f"{live_server.url}/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    sign_in_with_password(page, "Nadia@Trust.invalid", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    assert_accessible(page)

    code_box = page.get_by_label("Enter the 6-digit code from your authenticator app")
    code_box.fill("123")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The code must be 6 numbers")
    assert_accessible(page)

    key = page.locator("#secret-key").inner_text()
    code_box.fill(code_from_key(key))
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Save your backup codes")
    expect(page.get_by_role("list", name="Backup codes").get_by_role("listitem")).to_have_count(10)
    assert_accessible(page)

    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff home")
    expect(
        page.get_by_text("Signed in as Nadia Newstarter (Practitioner, North Locality)")
    ).to_be_visible()
    assert_accessible(page)


def test_wrong_password_and_empty_form_show_an_accessible_error_summary(live_server, page):
    UserFactory(email="alice@trust.invalid")
    visit(page, f"{live_server.url}/staff/sign-in/")

    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter your email address")
    expect(summary).to_contain_text("Enter your password")
    assert_accessible(page)

    sign_in_with_password(page, "alice@trust.invalid", "not the password")
    expect(summary).to_contain_text("Your email address or password is incorrect")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)


def test_enrolled_practitioner_gets_a_code_wrong_then_right(live_server, page):
    user = UserFactory(email="alice@trust.invalid", full_name="Alice Guider")
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    visit(page, f"{live_server.url}/staff/sign-in/")

    sign_in_with_password(page, "alice@trust.invalid", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    assert_accessible(page)

    accepted = {f"{totp(device.bin_key, drift=d):06d}" for d in (-1, 0, 1)}
    wrong = next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)
    page.get_by_label("Security code").fill(wrong)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Security code is not correct")
    assert_accessible(page)

    # After a wrong code the device waits a second before it checks another.
    page.wait_for_timeout(1100)
    page.get_by_label("Security code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff home")
    assert_accessible(page)


def test_team_lead_signs_in_and_filters_the_audit_trail(live_server, page):
    team = TeamFactory(name="North Locality")
    lead = UserFactory(
        email="tina@trust.invalid", full_name="Tina Lead", team=team, role=Role.TEAM_LEAD
    )
    alice = UserFactory(email="alice@trust.invalid", full_name="Alice Guider", team=team)
    device = TOTPDevice.objects.create(user=lead, name="Authenticator app", confirmed=True)
    for n in range(55):
        record("programme.viewed", actor=alice, family_reference=f"VIG-{n}")

    visit(page, f"{live_server.url}/staff/audit/")
    sign_in_with_password(page, "tina@trust.invalid", PASSWORD)
    page.get_by_label("Security code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail")
    expect(page.get_by_role("table")).to_contain_text("Alice Guider")
    expect(page.get_by_role("navigation", name="Pagination")).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Filter events").click()
    date_from = page.get_by_role("group", name="Date from")
    date_from.get_by_label("Day").fill("31")
    date_from.get_by_label("Month").fill("2")
    date_from.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Date from must be a real date")
    assert_accessible(page)

    date_from.get_by_label("Day").fill("")
    date_from.get_by_label("Month").fill("")
    date_from.get_by_label("Year").fill("")
    page.get_by_label("Family reference").fill("VIG-7")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(2)
    assert_accessible(page)
