"""A referral from a public form: stored whole, once, and acknowledged."""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction

from accounts import audit

from ..duplicates import store_match_keys
from ..models import Caregiver, Child, Referral, Route, Status, StatusChange
from ..references import new_reference
from .base import AuditAction, ReferralError


@dataclass
class CaregiverDetails:
    first_name: str
    last_name: str
    relationship: str
    postcode: str
    relationship_other: str = ""
    pronouns: str = ""
    phone: str = ""
    email: str = ""
    preferred_contact: str = ""
    safe_to_leave_message: bool | None = None
    address: str = ""
    language: str = ""
    interpreter_needed: bool = False
    access_needs: str = ""
    ethnicity: str = ""
    gender: str = ""
    sexual_orientation: str = ""


@dataclass
class ChildDetails:
    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    due_date: date | None = None
    nhs_number: str = ""


@dataclass
class ReferralDetails:
    help_wanted: str = ""
    relationship_need: str = ""
    other_professionals: str = ""
    safeguarding_concerns: str = ""
    referrer_name: str = ""
    referrer_role: str = ""
    referrer_organisation: str = ""
    referrer_email: str = ""
    referrer_phone: str = ""
    family_agreed: bool = False
    children: list[ChildDetails] = field(default_factory=list)


def submit_referral(
    *,
    service,
    route: str,
    source: str,
    caregiver: CaregiverDetails,
    details: ReferralDetails,
    submission_key: uuid.UUID,
    request=None,
) -> tuple[Referral, bool]:
    """Store a referral from a public form. Returns ``(referral, created)``.

    The same ``submission_key`` twice (a double click, back and resubmit) returns
    the first referral and stores nothing more. Nothing is stored unless all of
    it is: referral, caregiver, children, first status and audit event.
    """
    existing = Referral.objects.filter(submission_key=submission_key).first()
    if existing:
        return existing, False
    if route == Route.PROFESSIONAL and not details.family_agreed:
        raise ReferralError("A professional can only refer a family who has agreed to it.")
    if route == Route.SELF and not service.self_referral_open:
        raise ReferralError(f"{service.name} is not taking self-referrals.")
    if route == Route.PROFESSIONAL and not service.professional_referral_open:
        raise ReferralError(f"{service.name} is not taking professional referrals.")
    if not details.children:
        raise ReferralError("A referral needs at least one child or unborn baby.")
    try:
        with transaction.atomic():
            referral = _create(service, route, source, caregiver, details, submission_key)
            audit.record(
                AuditAction.SUBMITTED,
                actor_label="public" if route == Route.SELF else details.referrer_email,
                target=referral,
                family_reference=referral.reference,
                team_id=None,
                request=request,
                details={"route": route, "service": service.slug},
            )
            from ..tasks import send_acknowledgement

            send_acknowledgement.delay_on_commit(referral.pk)
    except IntegrityError:
        # Two identical submissions raced: the other one won; show its reference.
        existing = Referral.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    return referral, True


def _create(service, route, source, caregiver, details, submission_key):
    fields = {
        name: getattr(details, name)
        for name in (
            "help_wanted",
            "relationship_need",
            "other_professionals",
            "safeguarding_concerns",
            "referrer_name",
            "referrer_role",
            "referrer_organisation",
            "referrer_email",
            "referrer_phone",
            "family_agreed",
        )
    }
    for _ in range(5):  # a reference clash is one in 150 billion; try again anyway
        reference = new_reference()
        if not Referral.objects.filter(reference=reference).exists():
            break
    referral = Referral.objects.create(
        reference=reference,
        submission_key=submission_key,
        service=service,
        route=route,
        source=source,
        **fields,
    )
    Caregiver.objects.create(referral=referral, **caregiver.__dict__)
    Child.objects.bulk_create(Child(referral=referral, **c.__dict__) for c in details.children)
    store_match_keys([referral])
    StatusChange.objects.create(
        referral=referral,
        status=Status.NEW,
        priority=referral.priority,
        changed_at=referral.received_at,
    )
    return referral
