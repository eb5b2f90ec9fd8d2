"""The acknowledgement: thank whoever referred, with the reference. Once per referral.

``Referral.acknowledged_at`` is the guard: the row is locked while we look at it,
so two deliveries of the same task (a broker redelivery, a retry) send one email.
The sending is audited, but nothing here reads the audit trail to decide.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts import audit

from ..models import Referral, Route
from .base import AuditAction


def send_acknowledgement(*, referral_id) -> bool:
    """Email the family (self-referral) or the referrer. True when this call sent it."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().filter(pk=referral_id).first()
        if referral is None or referral.acknowledged_at is not None:
            return False
        to, subject, body = acknowledgement_email(referral)
        if not to:
            return False
        send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
        referral.acknowledged_at = timezone.now()
        referral.save(update_fields=["acknowledged_at"])
        audit.record(
            AuditAction.ACKNOWLEDGED,
            actor_label="system",
            target=referral,
            family_reference=referral.reference,
            details={"to": to},
        )
    return True


def acknowledgement_email(referral):
    """``(to, subject, body)``; ``to`` is empty when there is no address to write to."""
    service = referral.service
    contact = " or ".join(filter(None, [service.contact_phone, service.contact_email]))
    subject = f"Your referral to {service.name}: {referral.reference}"
    if referral.route == Route.SELF:
        caregiver = referral.caregivers.first()
        to = [caregiver.email] if caregiver and caregiver.email else []
        greeting = f"Dear {caregiver.first_name}" if caregiver else "Hello"
        body = (
            f"{greeting},\n\n"
            f"Thank you for referring yourself to {service.name}.\n\n"
            f"Your reference number is {referral.reference}. Keep it in case you need to "
            "contact us.\n\n"
            "What happens next: someone from the team will read your referral and contact "
            "you, usually within 2 weeks, in the way you asked us to.\n\n"
            f"If you need to talk to us sooner, contact {contact}.\n\n"
            "If you are worried about your or your baby's health or safety right now, call "
            "111, or 999 in an emergency.\n"
        )
    else:
        to = [referral.referrer_email] if referral.referrer_email else []
        body = (
            f"Dear {referral.referrer_name},\n\n"
            f"Thank you for your referral to {service.name}.\n\n"
            f"The reference number is {referral.reference}. Please quote it if you contact "
            "us about this family.\n\n"
            "The team will triage the referral and contact the family. We will let you know "
            "if we need more information.\n\n"
            f"Contact: {contact}.\n"
        )
    return to, subject, body
