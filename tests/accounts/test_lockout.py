"""Lockout (ADR 3): an account locks after a few wrong passwords from anywhere; an
address is slowed only after many failures across accounts; and behind a proxy,
lockout, rate limits and the audit trail all count the visitor's real address."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from tests.accounts.conftest import sign_in_with_password
from tests.factories import PASSWORD
from vig_service.client_address import client_address

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def fast_password_checks(settings):
    """Unknown addresses are checked against a dummy hash made with the first
    hasher; a fast one keeps dozens of attempts quick. Real accounts' hashes
    still verify with the second."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def attempt(client, email, password="wrong", **meta):  # noqa: S107
    return client.post(LOGIN, {"email": email, "password": password}, **meta)


def test_one_persons_mistakes_never_lock_out_a_colleague_on_the_same_computer(
    client, practitioner, team_lead, settings
):
    same_computer = {"REMOTE_ADDR": "192.0.2.10", "HTTP_USER_AGENT": "Ward PC browser"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, practitioner.email, **same_computer)
    assert attempt(client, practitioner.email, "x", **same_computer).status_code == 429

    response = client.post(LOGIN, {"email": team_lead.email, "password": PASSWORD}, **same_computer)

    assert response.status_code == 302
    assert response.url == reverse("accounts:two_factor")


def test_an_address_trying_many_accounts_is_slowed_whatever_browser_it_claims(
    client, practitioner, settings
):
    limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    assert (limit, settings.SIGN_IN_ADDRESS_WINDOW_MINUTES) == (30, 10)
    for n in range(limit):
        response = attempt(
            client,
            f"person{n}@trust.invalid",
            REMOTE_ADDR="198.51.100.7",
            HTTP_USER_AGENT=f"Browser {n}",
        )
        assert response.status_code == 200

    refused = attempt(client, practitioner.email, "x", REMOTE_ADDR="198.51.100.7")
    elsewhere = client.post(
        LOGIN,
        {"email": practitioner.email, "password": "wrong"},
        REMOTE_ADDR="198.51.100.8",
    )

    assert refused.status_code == 429
    assert "too many attempts to sign in" in refused.text
    assert "Wait 10 minutes" in refused.text
    assert refused["Retry-After"] == "600"
    # Another address is not held up, and the account itself is not locked.
    assert elsewhere.status_code == 200
    assert "Your email address or password is incorrect" in elsewhere.text


def test_fewer_failures_than_the_limit_leave_an_office_free_to_sign_in(
    client, practitioner, settings
):
    for n in range(settings.SIGN_IN_ADDRESS_FAILURE_LIMIT - 1):
        attempt(client, f"typo{n}@trust.invalid", REMOTE_ADDR="192.0.2.20")

    response = sign_in_with_password(client, practitioner.email)

    assert response.status_code == 302


def test_behind_a_proxy_the_audit_trail_and_lockout_record_the_visitors_address(
    client, practitioner, settings
):
    settings.BEHIND_PROXY = True

    attempt(client, practitioner.email, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.50")

    failed = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert failed.ip_address == "203.0.113.50"
    assert AccessAttempt.objects.get().ip_address == "203.0.113.50"


def test_behind_a_proxy_each_visitor_is_throttled_on_their_own(client, practitioner, settings):
    settings.BEHIND_PROXY = True
    for n in range(settings.SIGN_IN_ADDRESS_FAILURE_LIMIT):
        attempt(
            client, f"person{n}@trust.invalid", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.66"
        )

    attacker = attempt(client, "x@trust.invalid", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.66")
    colleague = client.post(
        LOGIN,
        {"email": practitioner.email, "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP="203.0.113.67",
    )

    assert attacker.status_code == 429
    assert colleague.status_code == 200


def test_behind_a_proxy_rate_limits_count_the_visitors_address(client, practitioner, settings):
    settings.BEHIND_PROXY = True
    reset = reverse("accounts:password_reset")
    for _ in range(20):
        client.post(
            reset, {"email": practitioner.email}, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="1.2.3.4"
        )

    limited = client.post(
        reset, {"email": practitioner.email}, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="1.2.3.4"
    )
    other = client.post(
        reset, {"email": practitioner.email}, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="1.2.3.5"
    )

    assert limited.status_code == 429
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("behind_proxy", "meta", "expected"),
    [
        (False, {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_REAL_IP": "6.6.6.6"}, "192.0.2.1"),
        (False, {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}, "192.0.2.1"),
        (True, {"REMOTE_ADDR": PROXY, "HTTP_X_REAL_IP": " 203.0.113.9 "}, "203.0.113.9"),
        (
            True,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"},
            "203.0.113.9",
        ),
        (True, {"REMOTE_ADDR": PROXY, "HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        (True, {"REMOTE_ADDR": PROXY, "HTTP_X_REAL_IP": "not an address"}, PROXY),
        (True, {"REMOTE_ADDR": PROXY}, PROXY),
        (False, {"REMOTE_ADDR": ""}, None),
    ],
)
def test_client_address_trusts_proxy_headers_only_behind_a_proxy(
    settings, behind_proxy, meta, expected
):
    settings.BEHIND_PROXY = behind_proxy
    request = RequestFactory().get("/", **meta)

    assert client_address(request) == expected


def test_lockout_rate_limits_and_audit_read_the_one_helper(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "vig_service.client_address.client_address"
    assert settings.RATELIMIT_IP_META_KEY == "vig_service.client_address.ratelimit_ip"
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username"]
