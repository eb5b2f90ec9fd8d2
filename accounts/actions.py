"""Writes for staff accounts. Each action checks, writes and audits in one transaction."""

import secrets
import string

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from vig_service.mail import Email, send_once

from . import audit
from .models import AccreditationStage, AuditAction, Role, Team, User


class StaffAccountError(ValueError):
    """A staff account can't be created as asked (the message says why)."""


def generate_password(length=20):
    """A random password that is easy to type from a printed page."""
    alphabet = string.ascii_letters + string.digits
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(length // 5))


@transaction.atomic
def create_staff_user(
    *,
    email: str,
    full_name: str,
    role: str,
    team: Team | None,
    password: str,
    accreditation_stage: str = AccreditationStage.NONE,
    supervisor: User | None = None,
    by: User | None = None,
    send_welcome: bool = True,
) -> User:
    """Create a member of staff and, once committed, email them a welcome.

    The welcome email goes out from a Celery worker after the transaction
    commits, so a rolled-back creation never emails anybody.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if role not in Role.values:
        raise StaffAccountError(f"Unknown role {role!r}: choose one of {', '.join(Role.values)}.")
    if role != Role.SERVICE_ADMIN and team is None:
        raise StaffAccountError("Choose the team this person works in.")
    if User.objects.filter(email__iexact=email).exists():
        raise StaffAccountError(f"There is already a staff account for {email}.")
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        role=role,
        team=team,
        accreditation_stage=accreditation_stage,
        supervisor=supervisor,
        is_staff=role == Role.SERVICE_ADMIN,
    )
    announce_new_staff(user=user, by=by, send_welcome=send_welcome)
    return user


def announce_new_staff(*, user: User, by: User | None, send_welcome: bool = True) -> None:
    """Audit a new account and, after commit, welcome its owner by email.

    Shared by ``create_staff_user`` and the admin's "Add user" form, which builds
    the row itself.
    """
    audit.record(
        AuditAction.STAFF_CREATED,
        actor=by,
        actor_label="system",
        target=user,
        team_id=user.team_id,
        details={"email": user.email, "role": user.role},
    )
    if send_welcome:
        from .tasks import send_welcome_email

        send_welcome_email.delay_on_commit(user.pk)


def send_welcome_email(*, user_id) -> bool:
    """Tell a new member of staff how to sign in. Sent at most once per account
    (``User.welcome_sent_at``); True when this call sent it."""
    return send_once(
        User.objects.filter(is_active=True),
        user_id,
        field="welcome_sent_at",
        compose=welcome_email,
        on_sent=_audit_welcome,
    )


def welcome_email(user) -> Email:
    sign_in = settings.SITE_URL + reverse("accounts:login")
    return Email(
        to=[user.email],
        subject=f"Your {settings.SERVICE_NAME} staff account",
        body=(
            f"Dear {user.get_short_name()},\n\n"
            f"A staff account has been set up for you on {settings.SERVICE_NAME}.\n\n"
            f"Sign in at {sign_in} with this email address. If you were not given a "
            "password, choose \u201cForgotten your password?\u201d on that page.\n\n"
            "The first time you sign in you will set up an authenticator app on your "
            "phone. You will need it every time you sign in.\n\n"
            "If you were not expecting this email, tell your team lead.\n"
        ),
    )


def _audit_welcome(user, email):
    audit.record(
        AuditAction.STAFF_WELCOME_SENT,
        actor_label="system",
        target=user,
        team_id=user.team_id,
        details={"to": email.to},
    )
