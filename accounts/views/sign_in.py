"""Signing in and out.

Signing in takes two steps: email and password (``login``), then a code from
an authenticator app or a backup code (``two_factor``). A person with no app
set up yet is taken through ``two_factor_setup`` and shown backup codes.
"""

from xml.etree import ElementTree

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .. import sign_in_throttle
from ..auth_actions import (
    CodeCheck,
    backup_codes_left,
    confirm_totp_device,
    enrol_totp_device,
    readable_key,
    regenerate_backup_codes,
    sign_in_without_second_factor,
    verify_second_factor,
)
from ..forms import SecurityCodeForm, SetUpAuthenticatorForm, SignInForm
from ..middleware import is_fully_signed_in
from ..queries import has_authenticator
from .next_page import go_next, next_url, url_with_next

# Backup codes just made, held in the session until the page shows them once.
FRESH_BACKUP_CODES_SESSION_KEY = "accounts_fresh_backup_codes"
# HEAD is answered wherever GET is (a link checker, a monitor).
GET_OR_POST = ["GET", "HEAD", "POST"]

WRONG_CODE_MESSAGE = (
    "Security code is not correct. Enter the latest code from your app, "
    "or a backup code you have not used before"
)
WRONG_SET_UP_CODE_MESSAGE = (
    "Code is not correct. Check the time on your phone is right, then enter the latest code"
)
THROTTLED_MESSAGE = "Too many wrong codes. Wait a minute and try again"


def _second_factor_relaxed():
    return settings.DEBUG and settings.OTP_RELAXED_FOR_DEVELOPMENT


# --- Signing in ---------------------------------------------------------------


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(GET_OR_POST)
def sign_in(request):
    next_page = next_url(request)
    if request.method == "GET" and is_fully_signed_in(request.user):
        return go_next(next_page)

    if request.method == "POST" and sign_in_throttle.address_throttled(request):
        return _too_many_attempts(request)
    form = SignInForm(request.POST if request.method == "POST" else None, request=request)
    if form.is_bound and form.is_valid():
        auth_login(request, form.user)
        if _second_factor_relaxed():
            sign_in_without_second_factor(request=request)
            return go_next(next_page)
        return redirect(url_with_next("accounts:two_factor", next_page))
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_page})


def _too_many_attempts(request):
    """Too many failed sign-ins from this address: 429, and when to come back."""
    minutes = sign_in_throttle.minutes_to_wait()
    response = render(
        request, "accounts/too_many_sign_in_attempts.html", {"minutes": minutes}, status=429
    )
    response["Retry-After"] = str(minutes * 60)
    return response


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(GET_OR_POST)
def two_factor(request):
    user = request.user
    next_page = next_url(request)
    if not user.is_authenticated:
        return redirect(url_with_next("accounts:login", next_page))
    if is_fully_signed_in(user):
        return go_next(next_page)
    if not has_authenticator(user):
        return redirect(url_with_next("accounts:two_factor_setup", next_page))

    form = SecurityCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        outcome = verify_second_factor(request=request, code=form.cleaned_data["code"])
        if outcome is CodeCheck.ACCEPTED:
            return go_next(next_page)
        form.add_error(
            "code", THROTTLED_MESSAGE if outcome is CodeCheck.THROTTLED else WRONG_CODE_MESSAGE
        )
    return render(request, "accounts/two_factor.html", {"form": form, "next": next_page})


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(GET_OR_POST)
def two_factor_setup(request):
    """First sign-in: link an authenticator app by scanning a QR code."""
    user = request.user
    next_page = next_url(request)
    if not user.is_authenticated:
        return redirect(url_with_next("accounts:login", next_page))
    if has_authenticator(user):
        # Replacing an app needs the old one (or an administrator), never
        # just a password.
        return redirect(url_with_next("accounts:two_factor", next_page))

    device = enrol_totp_device(user=user)
    form = SetUpAuthenticatorForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        outcome = confirm_totp_device(
            request=request, device=device, code=form.cleaned_data["code"]
        )
        if outcome is CodeCheck.ACCEPTED:
            codes = regenerate_backup_codes(user=user, request=request)
            request.session[FRESH_BACKUP_CODES_SESSION_KEY] = codes
            return redirect(url_with_next("accounts:backup_codes", next_page))
        form.add_error(
            "code",
            THROTTLED_MESSAGE if outcome is CodeCheck.THROTTLED else WRONG_SET_UP_CODE_MESSAGE,
        )
    context = {
        "form": form,
        "next": next_page,
        "qr_code": qr_code_svg(device.config_url),
        "secret_key": readable_key(device),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def qr_code_svg(data):
    """An inline SVG QR code, drawn on the server.

    Only presentation attributes, no ``style``: the Content-Security-Policy
    forbids inline styles. It has a text alternative for screen readers.
    """
    qr = qrcode.QRCode(image_factory=qrcode.image.svg.SvgPathFillImage, border=4)
    qr.add_data(data)
    svg = qr.make_image()._img
    svg.attrib.pop("width", None)
    svg.attrib.pop("height", None)
    svg.set("width", "200")
    svg.set("height", "200")
    svg.set("class", "app-qr-code")
    svg.set("role", "img")
    svg.set("aria-labelledby", "qr-code-title")
    for child in svg:
        child.attrib.pop("id", None)
    title = ElementTree.Element("title", id="qr-code-title")
    title.text = "QR code to scan with your authenticator app"
    svg.insert(0, title)
    return ElementTree.tostring(svg, encoding="unicode")


@never_cache
@require_http_methods(GET_OR_POST)
def backup_codes(request):
    """Shows new backup codes once; later, how many are left and a way to replace them."""
    next_page = next_url(request)
    if request.method == "POST":
        codes = regenerate_backup_codes(user=request.user, request=request)
        request.session[FRESH_BACKUP_CODES_SESSION_KEY] = codes
        return redirect(url_with_next("accounts:backup_codes", next_page))

    codes = request.session.pop(FRESH_BACKUP_CODES_SESSION_KEY, None)
    context = {
        "codes": [f"{code[:4]} {code[4:]}" for code in codes or ()],
        "codes_left": None if codes else backup_codes_left(request.user),
        "next": next_page,
        "continue_url": next_page or reverse("accounts:home"),
    }
    return render(request, "accounts/backup_codes.html", context)


@never_cache
@require_http_methods(GET_OR_POST)
def sign_out(request):
    """GET asks to confirm; only a POST signs out (a link or prefetch never does)."""
    if request.method == "POST":
        auth_logout(request)
        messages.success(request, "You have signed out")
        return redirect("accounts:login")
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    return render(request, "accounts/sign_out.html")
