"""Celery adapters for accounts: take ids, load, act."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from vig_service.mail import send_email_once
from vig_service.tasks import load, task

from .models import AuditAction, User


@task(external_io=True)
def send_welcome_email(user_id):
    """Tell a new member of staff how to sign in. Sent at most once per account."""
    user = load(User.objects.filter(is_active=True), user_id)
    if user is None:
        return False
    sign_in = settings.SITE_URL + reverse("accounts:login")
    return send_email_once(
        marker=AuditAction.STAFF_WELCOME_SENT,
        target=user,
        team_id=user.team_id,
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


# Not idempotent (nothing records that it was sent), so acknowledged on receipt:
# a worker lost mid-send costs one email the person can ask for again, never two.
@task(external_io=True, acks_late=False)
def send_password_reset_email(subject, body, to_email):
    """A password reset link. Rendered in the request; sent here, retried if the
    mail server is down (the link stays valid for PASSWORD_RESET_TIMEOUT)."""
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to_email])
    return True


@task()
def clear_expired_sessions():
    """Hourly: drop sessions that have ended, so idle sign-ins leave no trace."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
