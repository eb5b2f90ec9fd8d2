"""Every write to a referral: checked, done, audited, in one transaction."""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import audit
from accounts.models import Role, User

from .codes import Priority
from .models import (
    Allocation,
    Caregiver,
    Child,
    DuplicateLink,
    Referral,
    Route,
    Status,
    StatusChange,
)
from .references import new_reference


class ReferralError(ValueError):
    """The change would break a rule; the message says which, in plain words."""


class AuditAction:
    SUBMITTED = "referral.submitted"
    VIEWED = "referral.viewed"
    TRIAGED = "referral.triaged"
    ALLOCATED = "referral.allocated"
    DUPLICATE_LINKED = "referral.duplicate_linked"
    ACKNOWLEDGED = "referral.acknowledgement_sent"


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
            from .tasks import send_acknowledgement

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
    StatusChange.objects.create(
        referral=referral,
        status=Status.NEW,
        priority=referral.priority,
        changed_at=referral.received_at,
    )
    return referral


def record_view(*, referral, by, request=None):
    """Reading a family's record is audited, every time."""
    audit.record(
        AuditAction.VIEWED,
        actor=by,
        target=referral,
        family_reference=referral.reference,
        request=request,
    )


# Triage decisions a team lead can make, and the status each leads to.
TRIAGE_DECISIONS = {
    "accept": Status.WAITING,
    "decline": Status.DECLINED,
    "signpost": Status.SIGNPOSTED,
    "request_info": Status.INFO_REQUESTED,
}
TRIAGEABLE_STATUSES = (Status.NEW, Status.INFO_REQUESTED, Status.WAITING)


@transaction.atomic
def triage(*, referral, decision: str, priority: int, note: str = "", by: User, request=None):
    """Accept to the waiting list, decline, signpost, or ask for more information."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if decision not in TRIAGE_DECISIONS:
        raise ReferralError("Choose what to do with this referral.")
    new_status = TRIAGE_DECISIONS[decision]
    if referral.status not in TRIAGEABLE_STATUSES:
        status = referral.get_status_display().lower()
        raise ReferralError(f"This referral is already {status}; it can't be triaged again.")
    if (
        new_status in (Status.DECLINED, Status.SIGNPOSTED, Status.INFO_REQUESTED)
        and not note.strip()
    ):
        raise ReferralError("Say why, so the family and colleagues know.")
    priority = Priority(int(priority))
    if referral.status == new_status and referral.priority == priority and not note:
        return referral  # nothing changes
    old = {"status": referral.status, "priority": referral.priority}
    now = timezone.now()
    referral.status, referral.priority, referral.status_changed_at = new_status, priority, now
    referral.save(update_fields=["status", "priority", "status_changed_at"])
    StatusChange.objects.create(
        referral=referral,
        status=new_status,
        priority=priority,
        note=note,
        changed_by=by,
        changed_at=now,
    )
    audit.record(
        AuditAction.TRIAGED,
        actor=by,
        target=referral,
        family_reference=referral.reference,
        request=request,
        details={
            "from": old,
            "to": {"status": new_status, "priority": int(priority)},
            "note": note,
        },
    )
    return referral


ALLOCATABLE_ROLES = (Role.PRACTITIONER, Role.SUPERVISOR, Role.TEAM_LEAD)


@transaction.atomic
def allocate(*, referral, practitioner: User, by: User, request=None):
    """Give the case to a practitioner in the team lead's team (or move it)."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status not in (Status.WAITING, Status.ALLOCATED):
        raise ReferralError("Only referrals on the waiting list can be allocated.")
    if (
        not practitioner.is_active
        or practitioner.team_id != by.team_id
        or practitioner.role not in ALLOCATABLE_ROLES
    ):
        raise ReferralError("Choose a practitioner in your team.")
    if referral.allocated_to_id == practitioner.pk:
        return referral
    now = timezone.now()
    previous = referral.allocated_to
    Allocation.objects.filter(referral=referral, ended_at__isnull=True).update(ended_at=now)
    Allocation.objects.create(
        referral=referral, practitioner=practitioner, allocated_by=by, allocated_at=now
    )
    referral.allocated_to, referral.team = practitioner, practitioner.team
    status_changed = referral.status != Status.ALLOCATED
    referral.status = Status.ALLOCATED
    if status_changed:
        referral.status_changed_at = now
        StatusChange.objects.create(
            referral=referral,
            status=Status.ALLOCATED,
            priority=referral.priority,
            note=f"Allocated to {practitioner.full_name}",
            changed_by=by,
            changed_at=now,
        )
    referral.save(update_fields=["allocated_to", "team", "status", "status_changed_at"])
    # Allocation opens the family's programme with this guider (or hands it on).
    from sessions.actions import open_programme

    open_programme(referral=referral, guider=practitioner, by=by, request=request)
    audit.record(
        AuditAction.ALLOCATED,
        actor=by,
        target=referral,
        family_reference=referral.reference,
        request=request,
        details={
            "from": previous.email if previous else None,
            "to": practitioner.email,
        },
    )
    return referral


@transaction.atomic
def link_duplicate(*, referral, other, by: User, request=None):
    """Confirm two referrals are the same family (kept both ways, once)."""
    if referral.pk == other.pk:
        raise ReferralError("A referral can't be a duplicate of itself.")
    if referral.service_id != other.service_id:
        raise ReferralError("Only referrals to the same service can be linked.")
    first, second = sorted((referral, other), key=lambda r: r.pk)
    link, created = DuplicateLink.objects.get_or_create(
        referral=first, duplicate=second, defaults={"linked_by": by}
    )
    if created:
        audit.record(
            AuditAction.DUPLICATE_LINKED,
            actor=by,
            target=referral,
            family_reference=referral.reference,
            request=request,
            details={"linked_to": other.reference},
        )
    return link
