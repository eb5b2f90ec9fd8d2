"""The cookies page names every cookie the service sets, and only those: the ones
set by a whole public referral, the feedback form and a staff sign-in."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD
from tests.referrals.test_public_journey import self_steps, send, walk

pytestmark = pytest.mark.django_db


def named_on_the_page(client):
    html = client.get(reverse("pages:cookies")).content.decode()
    return re.findall(r"Name </span><code>([^<]+)</code>", html)


def code_for(device):
    device.refresh_from_db()
    value = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
    )
    return f"{value:06d}"


def test_the_page_names_the_session_and_csrf_cookies_with_their_lifetimes(client, settings):
    html = client.get(reverse("pages:cookies")).content.decode()
    assert named_on_the_page(client) == ["sessionid", "csrftoken"]
    assert "When you close your browser, or after 30 minutes without using the site" in html
    assert "After 52 weeks" in html
    assert "strictly necessary cookies" in html


def test_the_page_follows_the_settings(client, settings):
    settings.SESSION_COOKIE_NAME = "vig_session"
    settings.CSRF_COOKIE_NAME = "vig_csrf"
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = False
    settings.SESSION_COOKIE_AGE = 3600
    settings.CSRF_COOKIE_AGE = 7 * 86400
    html = client.get(reverse("pages:cookies")).content.decode()
    assert named_on_the_page(client) == ["vig_session", "vig_csrf"]
    assert "After 1 hour without using the site" in html
    assert "After 1 week" in html


def test_the_cookies_named_are_exactly_those_the_service_sets(
    team, practitioner, django_capture_on_commit_callbacks
):
    """Each test client keeps every cookie any response set (even one later deleted)."""
    service = team.service

    family = Client()
    for url in ("/", reverse("public:service", args=[service.slug])):
        assert family.get(url).status_code == 200
    for name in ("pages:privacy", "pages:accessibility", "pages:cookies", "pages:contact"):
        assert family.get(reverse(name)).status_code == 200
    # A whole self-referral, sent.
    walk(family, service, self_steps())
    with django_capture_on_commit_callbacks(execute=True):
        assert send(family, service).status_code == 302
    assert family.get(reverse("public:self_confirmation", args=[service.slug])).status_code == 200
    # Feedback, sent.
    form = family.get(reverse("pages:feedback")).content.decode()
    key = re.search(r'name="key" value="([^"]+)"', form).group(1)
    response = family.post(reverse("pages:feedback"), {"key": key, "satisfaction": "5"})
    assert response.status_code == 302

    # A member of staff signs in with a password and a security code, then signs out.
    device = TOTPDevice.objects.create(user=practitioner, name="App", confirmed=True)
    staff = Client()
    assert staff.get(reverse("accounts:login")).status_code == 200
    staff.post(reverse("accounts:login"), {"email": practitioner.email, "password": PASSWORD})
    staff.post(reverse("accounts:two_factor"), {"code": code_for(device)})
    assert staff.get(reverse("accounts:home")).status_code == 200
    assert staff.get(reverse("pages:staff_feedback")).status_code == 403
    staff.post(reverse("accounts:logout"))

    set_cookies = set(family.cookies.keys()) | set(staff.cookies.keys())
    assert set_cookies == set(named_on_the_page(Client()))
