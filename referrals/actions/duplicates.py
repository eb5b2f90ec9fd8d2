"""Deciding about two possible duplicates: the same family (linked, the duplicate
leaving the inbox), or different families (never flagged again)."""

from django.db import transaction

from accounts import audit
from accounts.models import User

from ..duplicates import are_different_families, linked_referrals
from ..models import INBOX_STATUSES, DifferentFamilies, DuplicateLink
from .base import AuditAction, ReferralError


def _why_not_compare(referral, other):
    if referral.pk == other.pk:
        return "A referral can't be compared with itself."
    if referral.service_id != other.service_id:
        return "Only referrals to the same service can be compared."
    return None


# --- The same family ---------------------------------------------------------------------------


def why_not_link(referral, other):
    """Why these two referrals can't be linked as one family; None if they can."""
    if referral.pk == other.pk:
        return "A referral can't be a duplicate of itself."
    if referral.service_id != other.service_id:
        return "Only referrals to the same service can be linked."
    if are_different_families(referral, other):
        return "The team said these referrals are different families."
    return None


def can_link(referral, other):
    return why_not_link(referral, other) is None


def kept_and_duplicate(referral, other):
    """Which of two referrals of one family the team keeps, and which is the duplicate.

    Keep the one the team has already moved on (triaged) if only one has been; else
    the one received first. The duplicate is the one that leaves the inbox.
    """
    first, second = sorted((referral, other), key=lambda r: (r.received_at, r.pk))
    if first.status in INBOX_STATUSES and second.status not in INBOX_STATUSES:
        return second, first
    return first, second


@transaction.atomic
def link_duplicate(*, referral, other, by: User, request=None):
    """Confirm two referrals are the same family: the duplicate leaves the inbox and is
    shown on the referral kept. Once per pair, however often asked."""
    if reason := why_not_link(referral, other):
        raise ReferralError(reason)
    existing = DuplicateLink.objects.filter(
        referral__in=(referral, other), duplicate__in=(referral, other)
    ).first()
    if existing:
        return existing
    kept, duplicate = kept_and_duplicate(referral, other)
    link = DuplicateLink.objects.create(referral=kept, duplicate=duplicate, linked_by=by)
    audit.record(
        AuditAction.DUPLICATE_LINKED,
        actor=by,
        target=referral,
        family_reference=referral.reference,
        request=request,
        details={"linked_to": other.reference, "duplicate": duplicate.reference},
    )
    return link


# --- Different families -----------------------------------------------------------------------


def why_not_mark_different(referral, other):
    """Why these two referrals can't be marked as different families; None if they can."""
    if reason := _why_not_compare(referral, other):
        return reason
    if other.pk in linked_referrals(referral):
        return "These referrals are linked as the same family."
    return None


def can_mark_different(referral, other):
    return why_not_mark_different(referral, other) is None


@transaction.atomic
def mark_different_families(*, referral, other, by: User, request=None):
    """Say two possible duplicates are different families: the pair is never flagged
    again. Kept once per pair, audited once."""
    if reason := why_not_mark_different(referral, other):
        raise ReferralError(reason)
    first, second = sorted((referral, other), key=lambda r: r.pk)
    decision, created = DifferentFamilies.objects.get_or_create(
        referral=first, other=second, defaults={"decided_by": by}
    )
    if created:
        audit.record(
            AuditAction.DIFFERENT_FAMILIES,
            actor=by,
            target=referral,
            family_reference=referral.reference,
            request=request,
            details={"different_from": other.reference},
        )
    return decision
