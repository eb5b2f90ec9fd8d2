"""Sending a session summary or the closing letter to the family."""

from django.db import transaction

from ..models import DeliveryMethod, Programme, SummaryDelivery
from .base import AuditAction, ProgrammeError, audit_change, lock_open


@transaction.atomic
def send_summary(*, summary, method, by, request=None):
    """Email the summary to the parent, or record that a printed letter was given."""
    programme = lock_open(summary.visit.programme)
    caregiver = programme.referral.caregivers.first()
    sent_to = ""
    if method == DeliveryMethod.EMAIL:
        if not caregiver or not caregiver.email:
            raise ProgrammeError("The family has no email address. Print a letter instead.")
        sent_to = caregiver.email
    elif method != DeliveryMethod.LETTER:
        raise ProgrammeError("Choose email or letter.")
    delivery = SummaryDelivery.objects.create(
        programme=programme, summary=summary, method=method, sent_to=sent_to, sent_by=by
    )
    if method == DeliveryMethod.EMAIL:
        from ..tasks import email_summary

        email_summary.delay_on_commit(delivery.pk)
    audit_change(
        AuditAction.SUMMARY_SENT, programme, by, request, visit=summary.visit_id, method=method
    )
    return delivery


@transaction.atomic
def record_closing_letter(*, programme, method, by, request=None):
    """A closing letter was sent (email) or printed (letter)."""
    programme = (
        Programme.objects.select_for_update().select_related("referral").get(pk=programme.pk)
    )
    if not programme.is_closed:
        raise ProgrammeError("End the programme before sending the closing letter.")
    caregiver = programme.referral.caregivers.first()
    sent_to = caregiver.email if method == DeliveryMethod.EMAIL and caregiver else ""
    if method == DeliveryMethod.EMAIL and not sent_to:
        raise ProgrammeError("The family has no email address. Print the letter instead.")
    delivery = SummaryDelivery.objects.create(
        programme=programme, method=method, sent_to=sent_to, sent_by=by
    )
    if method == DeliveryMethod.EMAIL:
        from ..tasks import email_closing_letter

        email_closing_letter.delay_on_commit(delivery.pk)
    audit_change(AuditAction.CLOSING_LETTER_SENT, programme, by, request, method=method)
    return delivery
