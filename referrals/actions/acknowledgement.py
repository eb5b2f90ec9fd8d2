"""The acknowledgement: thank whoever referred, with the reference. Once per referral.

``Referral.acknowledged_at`` is the guard (``vig_service.mail.send_once``): two
deliveries of the same task (a broker redelivery, a retry) send one email. The
sending is audited, but nothing here reads the audit trail to decide.
"""

from accounts import audit
from scheduling import contact as preferences
from vig_service.mail import Email, send_once

from ..models import Referral, Route
from .base import AuditAction


def send_acknowledgement(*, referral_id) -> bool:
    """Email the family (self-referral) or the referrer. True when this call sent it."""
    return send_once(
        Referral.objects.select_related("service"),
        referral_id,
        field="acknowledged_at",
        compose=acknowledgement_email,
        on_sent=_audit,
    )


def _audit(referral, email):
    audit.record(
        AuditAction.ACKNOWLEDGED,
        actor_label="system",
        target=referral,
        family_reference=referral.reference,
        details={"to": email.to},
    )


def acknowledgement_email(referral) -> Email:
    """The email; its ``to`` is empty when there is no address to write to."""
    service = referral.service
    contact = " or ".join(filter(None, [service.contact_phone, service.contact_email]))
    subject = f"Your referral to {service.name}: {referral.reference}"
    if referral.route == Route.SELF:
        caregiver = referral.caregivers.first()
        # The family's contact preferences decide (scheduling.contact): a family who
        # asked to be phoned, or for no messages, is phoned instead.
        address = preferences.email_address(caregiver)
        to = [address] if address else []
        if not address and caregiver is not None and caregiver.email:
            preferences.phone_instead(
                caregiver,
                key=f"ack:{referral.pk}",
                about="tell them their referral arrived",
                referral=referral,
            )
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
    return Email(to=to, subject=subject, body=body)
