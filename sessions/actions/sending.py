"""Sending a session summary or the closing letter to the family.

Every sending is a ``SummaryDelivery`` row with its ``sent_at``: the history
pages and the double-click guard read those rows, never the audit trail. An
email then leaves from a task (``email_summary``, ``email_closing_letter``),
once: the row's ``emailed_at`` says it went.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import audit
from scheduling import contact
from vig_service.mail import Email, send_once

from ..models import DeliveryMethod, Programme, SummaryDelivery
from .base import AuditAction, ProgrammeError, audit_change, lock_open

# A second sending of the same thing, the same way, this soon is a double click.
RESEND_GUARD = timedelta(minutes=1)


@dataclass(frozen=True)
class Sending:
    """What a send did. ``delivery`` was just made, unless ``not_again`` says why
    nothing new was sent (a double click); then ``delivery`` is the earlier one."""

    delivery: SummaryDelivery
    not_again: str = ""


def why_not_send_summary(summary):
    if summary is None:
        return ProgrammeError("Write the summary before sending it.")
    return None


def why_not_send_closing_letter(programme):
    if not programme.is_closed:
        return ProgrammeError("End the programme before sending the closing letter.")
    return None


def _just_sent(programme, method, summary, thing):
    """The same ``thing`` sent the same way moments ago, as a ``Sending``; or None.

    Called with the programme row locked, so two clicks at once are taken one by one.
    """
    earlier = (
        SummaryDelivery.objects.filter(
            programme=programme,
            summary=summary,
            method=method,
            sent_at__gte=timezone.now() - RESEND_GUARD,
        )
        .order_by("-sent_at")
        .first()
    )
    if earlier is None:
        return None
    at = timezone.localtime(earlier.sent_at)
    if earlier.method == DeliveryMethod.EMAIL:
        said = f"The {thing} was emailed to {earlier.sent_to} at {at:%H:%M}. It was not sent again"
    else:
        said = f"The {thing} was recorded as printed at {at:%H:%M}. It was not recorded again"
    return Sending(earlier, not_again=said)


def _why_not_email(caregiver, letter):
    """The family's contact preferences decide whether they may be emailed."""
    if not caregiver or not caregiver.email:
        return ProgrammeError(f"The family has no email address. Print {letter} instead.")
    if not contact.email_address(caregiver):
        return ProgrammeError(
            f"The family can't be emailed: {contact.why_no_email(caregiver)}. "
            f"Print {letter} to give them instead."
        )
    return None


@transaction.atomic
def send_summary(*, summary, method, by, ignore_double_click=False, request=None) -> Sending:
    """Email the summary to the parent, or record that a printed letter was given.

    ``ignore_double_click``: for a person's click, the same sending made in the
    last minute is taken as a double click, and nothing new is sent.
    """
    if refusal := why_not_send_summary(summary):
        raise refusal
    programme = lock_open(summary.visit.programme)
    if ignore_double_click and (earlier := _just_sent(programme, method, summary, "summary")):
        return earlier
    caregiver = programme.referral.caregivers.first()
    sent_to = ""
    if method == DeliveryMethod.EMAIL:
        if refusal := _why_not_email(caregiver, "a letter"):
            raise refusal
        sent_to = contact.email_address(caregiver)
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
    return Sending(delivery)


@transaction.atomic
def record_closing_letter(
    *, programme, method, by, ignore_double_click=False, request=None
) -> Sending:
    """A closing letter was sent (email) or printed (letter). ``ignore_double_click``
    as for ``send_summary``."""
    programme = (
        Programme.objects.select_for_update().select_related("referral").get(pk=programme.pk)
    )
    if refusal := why_not_send_closing_letter(programme):
        raise refusal
    if ignore_double_click and (earlier := _just_sent(programme, method, None, "closing letter")):
        return earlier
    caregiver = programme.referral.caregivers.first()
    sent_to = ""
    if method == DeliveryMethod.EMAIL:
        if refusal := _why_not_email(caregiver, "the letter"):
            raise refusal
        sent_to = contact.email_address(caregiver)
    delivery = SummaryDelivery.objects.create(
        programme=programme, method=method, sent_to=sent_to, sent_by=by
    )
    if method == DeliveryMethod.EMAIL:
        from ..tasks import email_closing_letter

        email_closing_letter.delay_on_commit(delivery.pk)
    audit_change(AuditAction.CLOSING_LETTER_SENT, programme, by, request, method=method)
    return Sending(delivery)


# --- The email itself, from its task --------------------------------------------------


def email_summary(*, delivery_id) -> bool:
    """Email the summary of a ``send_summary`` by email. Once per delivery
    (``SummaryDelivery.emailed_at``); True when this call sent it."""
    return _email_once(
        delivery_id, AuditAction.SUMMARY_EMAILED, "summary.txt", "your session summary"
    )


def email_closing_letter(*, delivery_id) -> bool:
    """Email the closing letter of a ``record_closing_letter`` by email. Once per
    delivery, as ``email_summary``."""
    return _email_once(
        delivery_id, AuditAction.CLOSING_LETTER_EMAILED, "closing.txt", "the end of your programme"
    )


def _email_once(delivery_id, audit_action, template, about):
    of_summary = audit_action == AuditAction.SUMMARY_EMAILED

    def compose(delivery):
        """The letter; None for a printed one, or a delivery of the other letter."""
        if delivery.method != DeliveryMethod.EMAIL or not delivery.sent_to:
            return None
        caregiver = delivery.programme.referral.caregivers.first()
        if contact.email_address(caregiver) != delivery.sent_to:
            return None  # their preferences changed since: nothing goes
        if (delivery.summary is not None) != of_summary:
            return None
        programme = delivery.programme
        service = programme.referral.service
        context = {
            "programme": programme,
            "service": service,
            "caregiver": programme.referral.caregivers.first(),
            "summary": delivery.summary,
        }
        return Email(
            to=[delivery.sent_to],
            subject=f"{service.name}: {about}",
            body=render_to_string(f"sessions/letters/{template}", context),
        )

    def record(delivery, email):
        audit.record(
            audit_action,
            actor_label="system",
            target=delivery,
            team_id=delivery.programme.referral.team_id,
            family_reference=delivery.programme.reference,
            details={"to": email.to},
        )

    deliveries = SummaryDelivery.objects.select_related(
        "programme__referral__service", "programme__guider", "summary__visit"
    )
    return send_once(deliveries, delivery_id, field="emailed_at", compose=compose, on_sent=record)
