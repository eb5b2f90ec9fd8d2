"""Recording and withdrawing consent. Records are never edited: each change is new."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import audit
from scheduling import contact
from vig_service.mail import Email, send_once

from .models import ConsentFormVersion, ConsentRecord, Kind, Method, Scope, WithdrawalConfirmation
from .signals import consent_withdrawn


class ConsentError(ValueError):
    """The consent can't be recorded as asked; the message says why."""


class AuditAction:
    RECORDED = "consent.recorded"
    WITHDRAWN = "consent.withdrawn"
    CONFIRMATION_SENT = "consent.withdrawal_confirmation_sent"


def why_not_change_consent(programme):
    """Consent is recorded and withdrawn while the programme is open."""
    if programme.is_closed:
        return ConsentError("This programme has ended; consent can't be changed now.")
    return None


def _check_caregiver(programme, caregiver):
    if caregiver.referral_id != programme.referral_id:
        raise ConsentError("That person is not in this family's referral.")
    if refusal := why_not_change_consent(programme):
        raise refusal


def _supersede(caregiver, scopes, now):
    ConsentRecord.objects.filter(
        caregiver=caregiver, scope__in=scopes, superseded_at__isnull=True
    ).amend(superseded_at=now)


@transaction.atomic
def record_consent(
    *,
    programme,
    caregiver,
    answers: dict,
    method: str,
    by,
    signed_name: str = "",
    witness_name: str = "",
    visit=None,
    request=None,
):
    """Record one caregiver's yes/no for every scope on the current consent form."""
    _check_caregiver(programme, caregiver)
    if set(answers) != set(Scope.values):
        raise ConsentError("Answer yes or no for every part of the consent form.")
    if method not in Method.values:
        raise ConsentError("Say how consent was given.")
    if method == Method.SIGNED_ON_SCREEN and not signed_name.strip():
        raise ConsentError("Ask the parent to type their name to sign.")
    if method == Method.VERBAL and not witness_name.strip():
        raise ConsentError("Give the name of the witness to verbal consent.")
    form = ConsentFormVersion.current_for(programme.referral.service)
    if form is None:
        raise ConsentError(
            "There is no consent form in effect for this service. Ask a service administrator."
        )
    now = timezone.now()
    _supersede(caregiver, Scope.values, now)
    records = [
        ConsentRecord(
            programme=programme,
            caregiver=caregiver,
            scope=scope,
            kind=Kind.GIVEN,
            granted=bool(answers[scope]),
            form_version=form,
            method=method,
            signed_name=signed_name.strip() if method == Method.SIGNED_ON_SCREEN else "",
            witness_name=witness_name.strip() if method == Method.VERBAL else "",
            visit=visit,
            effective_on=timezone.localdate(now),
            recorded_by=by,
            recorded_at=now,
        )
        for scope in Scope.values
    ]
    try:
        with transaction.atomic():
            ConsentRecord.objects.bulk_create(records)
    except IntegrityError as error:  # someone recorded consent at the same moment
        raise ConsentError(
            "Consent was just changed by someone else. Check and try again."
        ) from error
    audit.record(
        AuditAction.RECORDED,
        actor=by,
        target=programme,
        family_reference=programme.reference,
        request=request,
        details={
            "caregiver": caregiver.pk,
            "form_version": form.version,
            "method": method,
            "answers": {scope: bool(answers[scope]) for scope in Scope.values},
        },
    )
    return records


@dataclass
class Withdrawal:
    records: list
    affected_filming_visits: list


@transaction.atomic
def withdraw_consent(
    *,
    programme,
    caregiver,
    scopes,
    by,
    reason: str = "",
    effective_on=None,
    request=None,
) -> Withdrawal:
    """Withdraw some or all scopes, at the parent's request, from now on.

    Care goes on: only what depends on the withdrawn scopes stops. Returns the
    new records and the future filming visits that can no longer go ahead.
    """
    from sessions.models import VisitKind

    _check_caregiver(programme, caregiver)
    scopes = [s for s in Scope.values if s in set(scopes)]
    if not scopes:
        raise ConsentError("Choose what the parent wants to withdraw.")
    now = timezone.now()
    effective_on = effective_on or timezone.localdate(now)
    if effective_on > timezone.localdate(now):
        raise ConsentError("Withdrawal takes effect now; the date can't be in the future.")
    _supersede(caregiver, scopes, now)
    records = ConsentRecord.objects.bulk_create(
        ConsentRecord(
            programme=programme,
            caregiver=caregiver,
            scope=scope,
            kind=Kind.WITHDRAWN,
            granted=False,
            reason=reason.strip(),
            effective_on=effective_on,
            recorded_by=by,
            recorded_at=now,
        )
        for scope in scopes
    )
    confirmation = WithdrawalConfirmation.objects.create(record=records[0])
    affected = []
    if Scope.FILMING in scopes:
        affected = list(
            programme.visits.not_cancelled()
            .filter(kind=VisitKind.FILMING, starts_at__gte=now)
            .order_by("starts_at")
        )
    audit.record(
        AuditAction.WITHDRAWN,
        actor=by,
        target=programme,
        family_reference=programme.reference,
        request=request,
        details={"caregiver": caregiver.pk, "scopes": scopes, "reason": reason.strip()},
    )

    def after_commit():
        # Films, clips and stills in the withdrawn scopes are deleted by whoever
        # listens (the films work); the parent gets a confirmation.
        consent_withdrawn.send(
            sender=ConsentRecord, programme=programme, caregiver=caregiver, scopes=scopes
        )
        from .tasks import send_withdrawal_confirmation

        send_withdrawal_confirmation.delay(confirmation.pk)

    transaction.on_commit(after_commit)
    return Withdrawal(records=records, affected_filming_visits=affected)


def send_withdrawal_confirmation(*, record_id) -> bool:
    """Confirm to the parent, in writing, what they withdrew. Once per withdrawal
    (``WithdrawalConfirmation.sent_at``); ``record_id`` is the withdrawal's first
    record. True when this call sent it."""
    return send_once(
        WithdrawalConfirmation.objects.select_related(
            "record__caregiver",
            "record__programme__referral__service",
            "record__programme__guider",
        ),
        record_id,
        field="sent_at",
        compose=confirmation_email,
        on_sent=_confirmation_sent,
    )


def confirmation_email(confirmation) -> Email | None:
    record = confirmation.record
    caregiver, programme = record.caregiver, record.programme
    if not caregiver.email:
        return None
    if not contact.email_address(caregiver):
        # No messages for this family: their guider phones to confirm instead.
        contact.phone_instead(
            caregiver,
            key=f"withdrawal:{confirmation.pk}",
            about="confirm what consent they withdrew",
            referral=programme.referral,
            programme=programme,
        )
        return None
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
    return Email(
        to=[caregiver.email],
        subject=f"{service.name}: we have recorded that you withdrew consent",
        body=body,
    )


def _confirmation_sent(confirmation, email):
    WithdrawalConfirmation.objects.filter(pk=confirmation.pk).update(sent_to=email.to[0])
    programme = confirmation.record.programme
    audit.record(
        AuditAction.CONFIRMATION_SENT,
        actor_label="system",
        target=confirmation.record,
        team_id=programme.referral.team_id,
        family_reference=programme.reference,
        details={"to": email.to},
    )
