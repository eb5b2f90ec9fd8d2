"""Linking two referrals a team lead has confirmed are the same family."""

from django.db import transaction

from accounts import audit
from accounts.models import User

from ..models import DuplicateLink
from .base import AuditAction, ReferralError


def why_not_link(referral, other):
    """Why these two referrals can't be linked as one family; None if they can."""
    if referral.pk == other.pk:
        return "A referral can't be a duplicate of itself."
    if referral.service_id != other.service_id:
        return "Only referrals to the same service can be linked."
    return None


def can_link(referral, other):
    return why_not_link(referral, other) is None


@transaction.atomic
def link_duplicate(*, referral, other, by: User, request=None):
    """Confirm two referrals are the same family (kept both ways, once)."""
    if reason := why_not_link(referral, other):
        raise ReferralError(reason)
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
