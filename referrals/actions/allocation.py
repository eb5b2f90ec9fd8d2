"""Allocation: give the family to a practitioner in the team, or move them to another.

The rules live here once. Pages ask ``why_not_allocate`` before offering the
form and show its reason; the list of people to choose from is
``reports.queries.caseload_sizes``, which keeps to ``ALLOCATABLE_ROLES``.
"""

from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.models import Role, User

from ..models import Allocation, Referral, Status, StatusChange
from .base import AuditAction, ReferralError

ALLOCATABLE_STATUSES = (Status.WAITING, Status.ALLOCATED)
ALLOCATABLE_ROLES = (Role.PRACTITIONER, Role.SUPERVISOR, Role.TEAM_LEAD)
NOT_IN_TEAM = "Choose a practitioner in your team"


def why_not_allocate(referral):
    """Why ``referral`` can't be allocated now, in words for the page; None if it can."""
    if referral.status in ALLOCATABLE_STATUSES:
        return None
    status = referral.get_status_display().lower()
    return f"{referral.reference} is {status}: accept it to the waiting list before you allocate it"


def can_allocate(referral):
    return why_not_allocate(referral) is None


def why_not_allocate_to(practitioner, *, by):
    """Why ``by`` can't give a case to ``practitioner``; None if they can."""
    if (
        not practitioner.is_active
        or practitioner.team_id != by.team_id
        or practitioner.role not in ALLOCATABLE_ROLES
    ):
        return NOT_IN_TEAM
    return None


@transaction.atomic
def allocate(*, referral, practitioner: User, by: User, request=None):
    """Give the case to a practitioner in the team lead's team (or move it)."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if reason := why_not_allocate(referral) or why_not_allocate_to(practitioner, by=by):
        raise ReferralError(reason)
    if referral.allocated_to_id == practitioner.pk:
        return referral
    now = timezone.now()
    previous = referral.allocated_to
    Allocation.objects.filter(referral=referral, ended_at__isnull=True).update(ended_at=now)
    allocation = Allocation.objects.create(
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
    from scheduling import referral_messages

    # The practitioner is told: a task, and an email after commit.
    referral_messages.allocated(referral, practitioner, allocation.pk)
    return referral
