"""Emails to staff (team leads, practitioners): once each, logged like any message."""

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User

from .models import Channel, MessageLog, MessageStatus


def team_leads(service, team=None):
    leads = User.objects.filter(role=Role.TEAM_LEAD, is_active=True, team__service=service)
    return leads.filter(team=team) if team is not None else leads


def email_once(*, key, to, subject, body, service, template, **about):
    """Send one plain email to a colleague; the log row's key makes it once."""
    with transaction.atomic():
        log, _ = MessageLog.objects.select_for_update().get_or_create(
            key=key,
            defaults={
                "service": service,
                "channel": Channel.EMAIL,
                "template": template,
                "recipient": to,
                "status": MessageStatus.SENDING,
                **about,
            },
        )
        if log.status != MessageStatus.SENDING:
            return False
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
        MessageLog.objects.filter(pk=log.pk).update(
            status=MessageStatus.SENT, sent_at=timezone.now()
        )
    return True


def tell_team_leads(work, referral, *, subject, body):
    for lead in team_leads(work.service, referral.team):
        email_once(
            key=f"{work.key}:lead:{lead.pk}",
            to=lead.email,
            subject=subject,
            body=body,
            service=work.service,
            template=work.kind,
        )
