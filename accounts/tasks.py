"""Celery adapters for accounts: take ids, load, act."""

from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.utils import timezone

from vig_service.tasks import task

from . import actions


@task(external_io=True)
def send_welcome_email(user_id):
    """Tell a new member of staff how to sign in. Sent at most once per account."""
    return actions.send_welcome_email(user_id=user_id)


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
