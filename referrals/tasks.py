"""Celery adapters for referrals."""

from vig_service.mail import send_email_once
from vig_service.tasks import load, task

from .actions import AuditAction
from .models import Referral, Route


@task(external_io=True)
def send_acknowledgement(referral_id):
    """Thank whoever referred, with the reference. Once per referral."""
    referral = load(
        Referral.objects.select_related("service").prefetch_related("caregivers"), referral_id
    )
    if referral is None:
        return False
    service = referral.service
    contact = " or ".join(filter(None, [service.contact_phone, service.contact_email]))
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
    return send_email_once(
        marker=AuditAction.ACKNOWLEDGED,
        target=referral,
        to=to,
        subject=f"Your referral to {service.name}: {referral.reference}",
        body=body,
        family_reference=referral.reference,
    )
