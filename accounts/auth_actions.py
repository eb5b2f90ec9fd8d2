"""Writes of the sign-in journey: second factor, backup codes, passwords.

Every action is atomic and records its audit event inside the same
transaction, so the change and the record of it commit together.
"""

import enum
from base64 import b32encode

from axes.utils import reset as reset_lockout
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import AuditAction

AUTHENTICATOR_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10

AUTHENTICATOR_APP = "authenticator app"
BACKUP_CODE = "backup code"


class CodeCheck(enum.Enum):
    """The outcome of checking a security code."""

    ACCEPTED = "accepted"
    WRONG = "wrong"
    # Too many wrong codes in a row: the device refuses to check for a while.
    THROTTLED = "throttled"


def normalise_code(code):
    """Codes as people type them: spaces, hyphens and capitals ignored."""
    return "".join(code.split()).replace("-", "").lower()


def is_authenticator_code(code):
    return len(code) == 6 and code.isdigit()


def readable_key(device):
    """The device's secret as base32 in groups of four, for typing into an app."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def enrol_totp_device(*, user):
    """The authenticator-app device ``user`` is setting up, made on first call.

    Reloading the set-up page gives the same secret, so a half-scanned code
    keeps working. The device is unconfirmed until a correct code confirms it.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=AUTHENTICATOR_DEVICE_NAME, confirmed=False
        )
    return device


@transaction.atomic
def confirm_totp_device(*, request, device, code):
    """Confirm ``device`` with a correct code from the app, completing sign-in."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    code = normalise_code(code)
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        _record_wrong_code(request, AUTHENTICATOR_APP, CodeCheck.THROTTLED, step="set-up")
        return CodeCheck.THROTTLED
    if not device.verify_token(code):
        _record_wrong_code(request, AUTHENTICATOR_APP, CodeCheck.WRONG, step="set-up")
        return CodeCheck.WRONG

    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Set-ups started and abandoned earlier hold secrets nobody should use.
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit.record(AuditAction.TWO_FACTOR_ENROLLED, actor=user, target=device, request=request)
    _complete_sign_in(request, device, AUTHENTICATOR_APP)
    return CodeCheck.ACCEPTED


@transaction.atomic
def verify_second_factor(*, request, code):
    """Check a code from the authenticator app or a backup code.

    Six digits are checked against the app; anything else as a backup code,
    which then stops working. A correct code completes sign-in.
    """
    user = request.user
    code = normalise_code(code)
    if is_authenticator_code(code):
        method = AUTHENTICATOR_APP
        devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
    else:
        method = BACKUP_CODE
        devices = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)

    throttled = False
    for device in devices.order_by("pk"):
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(code):
            if method == BACKUP_CODE:
                audit.record(
                    AuditAction.BACKUP_CODE_USED,
                    actor=user,
                    request=request,
                    details={"backups_left": device.token_set.count()},
                )
            _complete_sign_in(request, device, method)
            return CodeCheck.ACCEPTED

    outcome = CodeCheck.THROTTLED if throttled else CodeCheck.WRONG
    _record_wrong_code(request, method, outcome, step="sign-in")
    return outcome


@transaction.atomic
def sign_in_without_second_factor(*, request):
    """Local development only (OTP_RELAXED_FOR_DEVELOPMENT with DEBUG on)."""
    audit.record(
        AuditAction.SIGN_IN,
        actor=request.user,
        request=request,
        details={"second_factor": "skipped in development"},
    )


@transaction.atomic
def regenerate_backup_codes(*, user, request=None):
    """Replace ``user``'s backup codes with ten new ones and return them.

    The old codes stop working. The device itself is kept, so a session
    verified with a backup code stays verified.
    """
    devices = StaticDevice.objects.select_for_update().filter(user=user).order_by("pk")
    device = devices.first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    StaticToken.objects.filter(device__user=user).delete()

    codes = set()
    while len(codes) < BACKUP_CODE_COUNT:
        codes.add(StaticToken.random_token())
    codes = sorted(codes)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    audit.record(
        AuditAction.BACKUP_CODES_CREATED,
        actor=user,
        request=request,
        details={"how_many": BACKUP_CODE_COUNT},
    )
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def note_password_reset_requested(*, email, users, request):
    """Record that a reset link was emailed to each of ``users``."""
    for user in users:
        audit.record(
            AuditAction.PASSWORD_RESET_REQUESTED,
            actor_label=email,
            target=user,
            team_id=user.team_id,
            request=request,
        )


@transaction.atomic
def reset_password(*, user, password, request):
    """Set a new password from a reset link.

    The person proved they own the email address, so a lockout from earlier
    wrong passwords on this account is lifted too.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    reset_lockout(username=user.email)
    audit.record(
        AuditAction.PASSWORD_CHANGED,
        actor=user,
        target=user,
        request=request,
        details={"how": "reset link"},
    )
    return user


def _complete_sign_in(request, device, method):
    otp_login(request, device)
    # A new session key for the fully signed-in session, as at any step up
    # in privilege.
    request.session.cycle_key()
    audit.record(
        AuditAction.SIGN_IN, actor=request.user, request=request, details={"second_factor": method}
    )


def _record_wrong_code(request, method, outcome, *, step):
    audit.record(
        AuditAction.SECOND_FACTOR_FAILED,
        actor=request.user,
        request=request,
        details={"method": method, "reason": outcome.value, "step": step},
    )
