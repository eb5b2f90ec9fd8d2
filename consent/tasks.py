"""Celery adapters for consent."""

from vig_service.mail import send_email_once
from vig_service.tasks import load, task

from .models import ConsentRecord, Scope


@task(external_io=True)
def send_withdrawal_confirmation(record_id):
    """Confirm to the parent, in writing, what they withdrew. Once per withdrawal."""
    record = load(
        ConsentRecord.objects.select_related(
            "caregiver", "programme__referral__service", "programme__guider"
        ),
        record_id,
    )
    if record is None:
        return False
    caregiver, programme = record.caregiver, record.programme
    service = programme.referral.service
    scopes = ConsentRecord.objects.filter(
        caregiver=caregiver, kind=record.kind, recorded_at=record.recorded_at
    ).values_list("scope", flat=True)
    withdrawn = "\n".join(f"- {Scope(s).label}" for s in scopes)
    filming = Scope.FILMING in scopes
    body = (
        f"Dear {caregiver.first_name},\n\n"
        f"You asked {service.name} to stop the following from "
        f"{record.effective_on:%-d %B %Y}:\n\n{withdrawn}\n\n"
        + (
            "We will not film you again, and we will delete the films and clips we hold "
            "of you and your child.\n\n"
            if filming
            else ""
        )
        + "This does not change the rest of the care you get from us. Your practitioner, "
        f"{programme.guider.full_name}, will carry on working with you if you want to.\n\n"
        f"If you have questions, contact {service.contact_phone or service.contact_email}.\n\n"
        f"Reference: {programme.reference}\n"
    )
    return send_email_once(
        marker="consent.withdrawal_confirmation_sent",
        target=record,
        to=[caregiver.email] if caregiver.email else [],
        subject=f"{service.name}: we have recorded that you withdrew consent",
        body=body,
        team_id=programme.referral.team_id,
        family_reference=programme.reference,
    )
