"""Password reset by email: the same answer for every address, a link that works once."""

import re

import pytest
from django.test import TestCase
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from tests.accounts.conftest import sign_in_with_password
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")
NEW_PASSWORD = "a brand new passphrase for alice"


def request_reset(client, data, **kwargs):
    """Ask for a reset link; the email leaves through Celery once the request commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(RESET, data, **kwargs)


def reset_link(message):
    match = re.search(r"https?://\S+/staff/password-reset/\S+/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def without_nonce(html):
    return re.sub(r'nonce="[^"]*"', "", html)


def test_known_email_gets_a_reset_link_in_plain_english(client, practitioner, mailoutbox, settings):
    settings.SITE_URL = "https://vig.example.nhs.uk"

    response = request_reset(client, {"email": "Alice@Trust.invalid"})

    assert response.status_code == 302
    assert response.url == DONE
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["alice@trust.invalid"]
    assert message.subject == f"Reset your password for {settings.SERVICE_NAME}"
    assert "Dear Alice," in message.body
    assert "stops working after 1 hour" in message.body
    assert reset_link(message).startswith("https://vig.example.nhs.uk/staff/password-reset/")
    requested = AuditEvent.objects.get(action=AuditAction.PASSWORD_RESET_REQUESTED)
    assert requested.target_id == str(practitioner.pk)
    assert requested.team_id == practitioner.team_id


def test_unknown_email_gets_the_same_page_and_no_email(client, practitioner, mailoutbox):
    known = request_reset(client, {"email": practitioner.email}, follow=True)
    unknown = request_reset(client, {"email": "nobody@trust.invalid"}, follow=True)

    assert unknown.redirect_chain == known.redirect_chain == [(DONE, 302)]
    assert without_nonce(unknown.text) == without_nonce(known.text)
    assert "If the email address you entered belongs to a staff account" in unknown.text
    assert len(mailoutbox) == 1


def test_reset_request_needs_an_email_address(client):
    response = request_reset(client, {"email": ""})

    assert response.status_code == 200
    assert "Enter your email address" in response.text


def test_reset_link_sets_a_new_password_once_and_is_audited(client, practitioner, mailoutbox):
    request_reset(client, {"email": practitioner.email})
    link = reset_link(mailoutbox[0])

    response = client.get(link)
    assert response.status_code == 302
    set_password_url = response.url
    assert "Choose a new password" in client.get(set_password_url).text

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_complete")

    practitioner.refresh_from_db()
    assert practitioner.check_password(NEW_PASSWORD)
    changed = AuditEvent.objects.get(action=AuditAction.PASSWORD_CHANGED)
    assert changed.actor_id == practitioner.pk
    assert NEW_PASSWORD not in str(changed.details)

    again = client.get(link, follow=True)
    assert "This link does not work" in again.text


def test_new_password_must_match_and_be_strong(client, practitioner, mailoutbox):
    request_reset(client, {"email": practitioner.email})
    set_password_url = client.get(reset_link(mailoutbox[0])).url

    mismatch = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": "something else"}
    )
    short = client.post(set_password_url, {"new_password1": "short", "new_password2": "short"})
    empty = client.post(set_password_url, {"new_password1": "", "new_password2": ""})

    assert "The passwords do not match" in mismatch.text
    assert "at least 12 characters" in short.text
    assert "Enter a new password" in empty.text
    practitioner.refresh_from_db()
    assert practitioner.check_password(PASSWORD)


def test_new_password_lifts_a_lockout(client, practitioner, mailoutbox, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in_with_password(client, practitioner.email, password="wrong")
    assert sign_in_with_password(client, practitioner.email).status_code == 429

    request_reset(client, {"email": practitioner.email})
    set_password_url = client.get(reset_link(mailoutbox[0])).url
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = sign_in_with_password(client, practitioner.email, password=NEW_PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("accounts:two_factor")


def test_reset_requests_are_rate_limited_per_address(client, practitioner, mailoutbox):
    for _ in range(20):
        request_reset(client, {"email": practitioner.email})
    response = request_reset(client, {"email": practitioner.email})
    assert response.status_code == 429
    assert "too many attempts" in response.text
    assert len(mailoutbox) == 20
