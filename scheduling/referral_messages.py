"""What staff and referrers hear about a referral: allocation tells the
practitioner (task + email); a triage decision that ends the referral, or asks
for more information, is written to the referrer, and to a self-referred family
when their preferences allow (else the team leads are asked to phone).

Called by the referral actions inside their transaction; the emails go from a
task after commit, once each (``staff_mail.email_once``, keyed in the message log).
"""

from django.utils import timezone

from . import contact
from .models import TaskKind
from .schedule import add_task


def allocated(referral, practitioner, allocation_id):
    from .tasks import send_referral_email

    add_task(
        key=f"allocated:{allocation_id}",
        kind=TaskKind.NEW_FAMILY,
        service=referral.service,
        team=referral.team,
        assignee=practitioner,
        referral=referral,
        programme=getattr(referral, "programme", None),
        title=f"New family: {referral.reference}. Read the referral and contact them",
        due_on=timezone.localdate(),
    )
    send_referral_email.delay(referral.pk, "allocated", allocation_id, practitioner.pk)


def decided(referral, decision, note, change_id):
    """After triage: ``decision`` is decline, signpost or request_info."""
    from .tasks import send_referral_email

    if decision in ("decline", "signpost", "request_info"):
        send_referral_email.delay(referral.pk, decision, change_id, None)


WORDS = {
    "decline": (
        "Your referral to {service}: {reference}",
        "We have read the referral and we are not able to offer Video Interaction "
        "Guidance to this family at the moment.\n\nWhy: {note}",
    ),
    "signpost": (
        "Your referral to {service}: {reference}",
        "We have read the referral. We think another service can help this family "
        "better.\n\nWhere to go: {note}",
    ),
    "request_info": (
        "We need more information: referral {reference}",
        "We have read the referral and need more information before we can decide.\n\n"
        "What we need: {note}\n\nPlease reply to this email or call us.",
    ),
}


def compose(referral, decision, note):
    subject, body = WORDS[decision]
    values = {"service": referral.service.name, "reference": referral.reference, "note": note}
    contact_line = " or ".join(
        filter(None, [referral.service.contact_phone, referral.service.contact_email])
    )
    text = body.format(**values) + (f"\n\nContact us: {contact_line}" if contact_line else "")
    return subject.format(**values), text + f"\n\n{referral.service.name}\n"


def recipients(referral, decision, change_key):
    """(name, address) pairs; a family who may not be written to gets a phone task."""
    from referrals.models import Route

    people = []
    if referral.route == Route.PROFESSIONAL and referral.referrer_email:
        people.append((referral.referrer_name, referral.referrer_email))
    if referral.route == Route.SELF:
        caregiver = referral.caregivers.first()
        address = contact.email_address(caregiver)
        if address:
            people.append((caregiver.first_name, address))
        elif caregiver is not None:
            contact.phone_instead(
                caregiver,
                key=f"triage:{change_key}",
                about="tell them what was decided about their referral",
                referral=referral,
            )
    return people
