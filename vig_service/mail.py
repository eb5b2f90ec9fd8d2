"""Email that must go out at most once, however often its task is delivered."""

from django.core.mail import send_mail
from django.db import transaction

from accounts import audit
from accounts.models import AuditEvent


def send_email_once(*, marker, target, to, subject, body, team_id=None, family_reference=""):
    """Send one email about ``target`` and record ``marker`` in the audit trail.

    The target row is locked while we check for an earlier ``marker`` event, so two
    deliveries of the same task (a broker redelivery, a retry) send one email.
    Returns True when this call sent it.
    """
    with transaction.atomic():
        type(target).objects.select_for_update().get(pk=target.pk)
        already = AuditEvent.objects.filter(
            action=str(marker),
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
        ).exists()
        if already or not to:
            return False
        send_mail(subject=subject, message=body, from_email=None, recipient_list=list(to))
        audit.record(
            marker,
            actor_label="system",
            target=target,
            team_id=team_id,
            family_reference=family_reference,
            details={"to": list(to)},
        )
    return True
