"""What every referral action shares: its error, its audit vocabulary, audited reads."""

from accounts import audit


class ReferralError(ValueError):
    """The change would break a rule; the message says which, in plain words."""


class AuditAction:
    SUBMITTED = "referral.submitted"
    VIEWED = "referral.viewed"
    TRIAGED = "referral.triaged"
    ALLOCATED = "referral.allocated"
    DUPLICATE_LINKED = "referral.duplicate_linked"
    DIFFERENT_FAMILIES = "referral.different_families"
    ACKNOWLEDGED = "referral.acknowledgement_sent"


def record_view(*, referral, by, request=None):
    """Reading a family's record is audited, every time."""
    audit.record(
        AuditAction.VIEWED,
        actor=by,
        target=referral,
        family_reference=referral.reference,
        request=request,
    )
