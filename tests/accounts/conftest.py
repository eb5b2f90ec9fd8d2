"""Helpers for the sign-in tests: real TOTP codes from real devices."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD


def totp_code(device, offset=0):
    """The code the person's authenticator app shows now (``offset`` steps away)."""
    device.refresh_from_db()
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + offset,
    )
    return f"{value:0{device.digits}d}"


def wrong_code(device):
    """Six digits that no window of tolerance accepts."""
    accepted = {totp_code(device, offset) for offset in (-2, -1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(1000000) if f"{n:06d}" not in accepted)


@pytest.fixture
def authenticator():
    """``authenticator(user)`` → a confirmed TOTP device, as after enrolment."""

    def _device(user):
        return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)

    return _device


def sign_in_with_password(client, email, password=PASSWORD, next_url=None):
    url = reverse("accounts:login")
    if next_url is not None:
        url += "?" + urlencode({"next": next_url})
    return client.post(url, {"email": email, "password": password})
