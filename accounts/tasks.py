"""Celery adapters for accounts: take ids, load, act."""

from celery import shared_task
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import audit
from .models import AuditAction, AuditEvent, User


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=600, max_retries=5)
def send_welcome_email(user_id):
    """Tell a new member of staff how to sign in. Sent at most once per account."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    with transaction.atomic():
        # Lock the account row so two deliveries of this task can't both send.
        User.objects.select_for_update().get(pk=user.pk)
        already_sent = AuditEvent.objects.filter(
            action=AuditAction.STAFF_WELCOME_SENT,
            target_type="accounts.user",
            target_id=str(user.pk),
        ).exists()
        if already_sent:
            return False
        sign_in = settings.SITE_URL + reverse("accounts:login")
        send_mail(
            subject=f"Your {settings.SERVICE_NAME} staff account",
            message=(
                f"Dear {user.get_short_name()},\n\n"
                f"A staff account has been set up for you on {settings.SERVICE_NAME}.\n\n"
                f"Sign in at {sign_in} with this email address. If you were not given a "
                "password, choose \u201cForgotten your password?\u201d on that page.\n\n"
                "The first time you sign in you will set up an authenticator app on your "
                "phone. You will need it every time you sign in.\n\n"
                "If you were not expecting this email, tell your team lead.\n"
            ),
            from_email=None,
            recipient_list=[user.email],
        )
        audit.record(
            AuditAction.STAFF_WELCOME_SENT, actor_label="system", target=user, team_id=user.team_id
        )
    return True


@shared_task
def clear_expired_sessions():
    """Hourly: drop sessions that have ended, so idle sign-ins leave no trace."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
