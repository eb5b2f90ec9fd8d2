"""Signing in: password, then a second factor; enrolment; backup codes; signing out."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.auth_actions import regenerate_backup_codes
from accounts.models import AuditAction, AuditEvent
from tests.accounts.conftest import sign_in_with_password, totp_code, wrong_code
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
LOGIN = reverse("accounts:login")
TWO_FACTOR = reverse("accounts:two_factor")
SET_UP = reverse("accounts:two_factor_setup")
BACKUP_CODES = reverse("accounts:backup_codes")


def events(action):
    return AuditEvent.objects.filter(action=action)


def test_sign_in_page_asks_for_email_and_password(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert 'name="email"' in response.text
    assert 'name="password"' in response.text
    assert "Forgotten your password?" in response.text


def test_new_user_is_taken_to_set_up_then_backup_codes_then_home(client, practitioner):
    response = sign_in_with_password(client, "alice@trust.invalid")
    assert response.status_code == 302
    assert response.url == TWO_FACTOR

    response = client.get(TWO_FACTOR)
    assert response.status_code == 302
    assert response.url == SET_UP

    response = client.get(SET_UP)
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=practitioner, confirmed=False)
    assert "<svg" in response.text
    assert "style=" not in response.context["qr_code"]
    assert response.context["secret_key"].replace(" ", "") in response.text.replace(" ", "")

    response = client.post(SET_UP, {"code": totp_code(device)})
    assert response.status_code == 302
    assert response.url == BACKUP_CODES
    device.refresh_from_db()
    assert device.confirmed
    assert events(AuditAction.TWO_FACTOR_ENROLLED).filter(actor_id=practitioner.pk).count() == 1
    sign_in = events(AuditAction.SIGN_IN).get(actor_id=practitioner.pk)
    assert sign_in.details == {"second_factor": "authenticator app"}

    response = client.get(BACKUP_CODES)
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert "You will not see these codes again" in response.text

    response = client.get(HOME)
    assert response.status_code == 200
    assert "Signed in as Alice Guider (Practitioner, North Locality)" in response.text


def test_backup_codes_are_shown_only_once(staff_client, practitioner):
    client = staff_client(practitioner)
    client.post(BACKUP_CODES)

    first = client.get(BACKUP_CODES)
    again = client.get(BACKUP_CODES)

    assert len(first.context["codes"]) == 10
    assert again.context["codes"] == []
    assert "You have 10 backup codes left" in again.text


def test_reloading_set_up_keeps_the_same_secret(client, practitioner):
    sign_in_with_password(client, practitioner.email)

    first = client.get(SET_UP).context["secret_key"]
    second = client.get(SET_UP).context["secret_key"]

    assert first == second
    assert TOTPDevice.objects.filter(user=practitioner).count() == 1


def test_wrong_set_up_code_shows_an_error_and_leaves_the_app_unconfirmed(client, practitioner):
    sign_in_with_password(client, practitioner.email)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=practitioner)

    response = client.post(SET_UP, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "Code is not correct" in response.text
    device.refresh_from_db()
    assert not device.confirmed
    assert events(AuditAction.SECOND_FACTOR_FAILED).filter(actor_id=practitioner.pk).exists()


def test_set_up_code_must_be_six_numbers(client, practitioner):
    sign_in_with_password(client, practitioner.email)

    response = client.post(SET_UP, {"code": "12ab"})

    assert "The code must be 6 numbers" in response.text


def test_someone_with_an_app_cannot_set_up_another_with_only_a_password(
    client, practitioner, authenticator
):
    authenticator(practitioner)
    sign_in_with_password(client, practitioner.email)

    response = client.get(SET_UP)

    assert response.status_code == 302
    assert response.url == TWO_FACTOR
    assert TOTPDevice.objects.filter(user=practitioner).count() == 1


def test_correct_code_from_the_app_signs_in_and_lands_on_home(client, practitioner, authenticator):
    device = authenticator(practitioner)
    response = sign_in_with_password(client, "alice@trust.invalid")
    assert response.url == TWO_FACTOR
    half_signed_in_session = client.session.session_key

    response = client.post(TWO_FACTOR, {"code": totp_code(device)})

    assert response.status_code == 302
    assert response.url == HOME
    assert client.session.session_key != half_signed_in_session
    assert client.get(HOME).status_code == 200
    assert events(AuditAction.SIGN_IN).filter(actor_id=practitioner.pk).count() == 1


def test_email_address_is_not_case_sensitive(client, practitioner, authenticator):
    authenticator(practitioner)

    response = sign_in_with_password(client, "  Alice@TRUST.invalid ")

    assert response.status_code == 302
    assert response.url == TWO_FACTOR


def test_wrong_password_says_so_without_saying_which_and_is_audited(client, practitioner):
    response = sign_in_with_password(client, practitioner.email, password="not my password")

    assert response.status_code == 200
    assert "Your email address or password is incorrect" in response.text
    assert "_auth_user_id" not in client.session
    failure = events(AuditAction.SIGN_IN_FAILED).get()
    assert failure.details == {"email": "alice@trust.invalid"}
    assert failure.actor_id is None
    assert failure.target_id == str(practitioner.pk)
    assert failure.team_id == practitioner.team_id
    assert failure.ip_address == "127.0.0.1"
    assert "not my password" not in str(failure.details)


def test_unknown_email_gets_the_same_message(client, practitioner):
    wrong_password = sign_in_with_password(client, practitioner.email, password="nope")
    unknown = sign_in_with_password(client, "nobody@trust.invalid")

    message = "Your email address or password is incorrect"
    assert message in wrong_password.text
    assert message in unknown.text
    failure = events(AuditAction.SIGN_IN_FAILED).get(actor_label="nobody@trust.invalid")
    assert failure.details == {"email": "nobody@trust.invalid"}
    assert failure.team_id is None


def test_empty_sign_in_form_says_what_to_enter(client):
    response = client.post(LOGIN, {"email": "", "password": ""})

    assert "Enter your email address" in response.text
    assert "Enter your password" in response.text
    assert not events(AuditAction.SIGN_IN_FAILED).exists()


def test_wrong_code_shows_an_error_and_is_audited(client, practitioner, authenticator):
    device = authenticator(practitioner)
    sign_in_with_password(client, practitioner.email)

    response = client.post(TWO_FACTOR, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "Security code is not correct" in response.text
    failure = events(AuditAction.SECOND_FACTOR_FAILED).get()
    assert failure.actor_id == practitioner.pk
    assert failure.details["method"] == "authenticator app"
    # Still only half signed in.
    assert client.get(HOME).url.startswith(TWO_FACTOR)


def test_repeated_wrong_codes_are_throttled_kindly(client, practitioner, authenticator):
    device = authenticator(practitioner)
    sign_in_with_password(client, practitioner.email)

    with time_machine.travel(datetime(2026, 3, 27, 10, 0, 5, tzinfo=UTC), tick=False):
        client.post(TWO_FACTOR, {"code": wrong_code(device)})
        # The device now waits a moment before it checks again, even a right code.
        response = client.post(TWO_FACTOR, {"code": totp_code(device)})

    assert "Too many wrong codes. Wait a minute and try again" in response.text
    assert client.get(HOME).status_code == 302


def test_backup_code_works_once_only(client, practitioner, authenticator):
    authenticator(practitioner)
    codes = regenerate_backup_codes(user=practitioner)

    sign_in_with_password(client, practitioner.email)
    response = client.post(TWO_FACTOR, {"code": codes[0].upper()})
    assert response.status_code == 302
    assert response.url == HOME
    used = events(AuditAction.BACKUP_CODE_USED).get()
    assert used.details == {"backups_left": 9}

    client.post(reverse("accounts:logout"))
    sign_in_with_password(client, practitioner.email)
    response = client.post(TWO_FACTOR, {"code": codes[0]})

    assert response.status_code == 200
    assert "Security code is not correct" in response.text
    assert client.get(HOME).status_code == 302


def test_new_backup_codes_replace_the_old_ones(staff_client, practitioner):
    old = regenerate_backup_codes(user=practitioner)
    client = staff_client(practitioner)

    response = client.post(BACKUP_CODES)
    new = client.get(response.url).context["codes"]

    assert len(new) == 10
    assert not {code.replace(" ", "") for code in new} & set(old)
    assert events(AuditAction.BACKUP_CODES_CREATED).count() == 2


def test_five_wrong_passwords_lock_the_account(client, practitioner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in_with_password(client, practitioner.email, password="wrong")
        assert response.status_code == 200

    response = sign_in_with_password(client, practitioner.email, password="wrong")

    assert response.status_code == 429
    assert "Your account is locked" in response.text
    assert "try again in 30 minutes" in response.text
    assert "team lead" in response.text
    assert response["Cache-Control"] == "no-store"
    locked = events(AuditAction.LOCKED_OUT).get()
    assert locked.target_id == str(practitioner.pk)
    assert locked.team_id == practitioner.team_id

    # The right password does not help until the lock ends.
    response = sign_in_with_password(client, practitioner.email)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/staff/", "/staff/audit/", "/admin/"])
def test_signed_out_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={path}"


@pytest.mark.parametrize("path", ["/staff/", "/admin/"])
def test_password_without_second_factor_is_sent_to_the_code_page(
    client, practitioner, authenticator, path
):
    authenticator(practitioner)
    sign_in_with_password(client, practitioner.email)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"{TWO_FACTOR}?next={path}"


def test_next_page_is_honoured_after_both_steps(client, team_lead, authenticator):
    device = authenticator(team_lead)

    response = sign_in_with_password(client, team_lead.email, next_url="/staff/audit/")
    assert response.url == f"{TWO_FACTOR}?next=%2Fstaff%2Faudit%2F"
    response = client.post(response.url, {"code": totp_code(device)})

    assert response.url == "/staff/audit/"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/staff/"])
def test_next_page_on_another_site_is_ignored(client, practitioner, authenticator, next_url):
    device = authenticator(practitioner)

    response = sign_in_with_password(client, practitioner.email, next_url=next_url)
    assert response.url == TWO_FACTOR
    response = client.post(f"{TWO_FACTOR}?next={next_url}", {"code": totp_code(device)})

    assert response.url == HOME


def test_relaxed_development_mode_skips_the_second_factor(client, practitioner, settings):
    settings.DEBUG = True
    settings.OTP_RELAXED_FOR_DEVELOPMENT = True

    response = sign_in_with_password(client, practitioner.email)

    assert response.url == HOME
    assert client.get(HOME).status_code == 200


def test_relaxed_switch_is_ignored_without_debug(client, practitioner, settings):
    settings.DEBUG = False
    settings.OTP_RELAXED_FOR_DEVELOPMENT = True

    response = sign_in_with_password(client, practitioner.email)

    assert response.url == TWO_FACTOR


def test_signed_in_visitor_to_sign_in_page_goes_home(staff_client, practitioner):
    response = staff_client(practitioner).get(LOGIN)

    assert response.status_code == 302
    assert response.url == HOME


def test_staff_pages_are_never_cached(staff_client, practitioner):
    client = staff_client(practitioner)

    for url in (HOME, BACKUP_CODES, LOGIN, reverse("accounts:logout")):
        assert client.get(url)["Cache-Control"] == "no-store"


def test_sign_out_asks_first_and_only_a_post_signs_out(staff_client, practitioner):
    client = staff_client(practitioner)

    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 200
    assert 'method="post"' in response.text
    assert client.get(HOME).status_code == 200

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url == LOGIN
    assert client.get(HOME).status_code == 302
    assert events(AuditAction.SIGN_OUT).filter(actor_id=practitioner.pk).count() == 1


def test_sign_out_refuses_other_methods(staff_client, practitioner):
    response = staff_client(practitioner).put(reverse("accounts:logout"))

    assert response.status_code == 405


def test_home_offers_the_audit_trail_to_team_leads_only(staff_client, team_lead, practitioner):
    lead_home = staff_client(team_lead).get(HOME)
    assert "Signed in as Tina Lead (Team lead, North Locality)" in lead_home.text
    assert reverse("accounts:audit_trail") in lead_home.text

    practitioner_home = staff_client(practitioner).get(HOME)
    assert reverse("accounts:audit_trail") not in practitioner_home.text


def test_inactive_account_cannot_sign_in(client, practitioner):
    practitioner.is_active = False
    practitioner.save(update_fields=["is_active"])

    response = sign_in_with_password(client, practitioner.email, password=PASSWORD)

    assert "Your email address or password is incorrect" in response.text
