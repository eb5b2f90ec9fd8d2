"""Changing how a caregiver may be contacted, after the referral (ADR 0014).

Messages read the preferences when they are sent (``scheduling.contact``), so a
change here governs every message from now on, planned ones included.
"""

from django.db import transaction

from accounts import audit

CONTACT_FIELDS = (
    "phone",
    "email",
    "preferred_contact",
    "safe_to_leave_message",
    "address",
    "language",
    "interpreter_needed",
)
CONTACT_CHANGED = "referral.contact_changed"


@transaction.atomic
def change_contact(*, caregiver, values, by, request=None):
    """Save the fields of ``values`` that changed; audited with their names (not
    their values, which are personal). Returns the names changed."""
    changed = [name for name in CONTACT_FIELDS if getattr(caregiver, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(caregiver, name, values[name])
    caregiver.save(update_fields=changed)
    referral = caregiver.referral
    audit.record(
        CONTACT_CHANGED,
        actor=by,
        target=referral,
        family_reference=referral.reference,
        team_id=referral.team_id,
        request=request,
        details={"caregiver": caregiver.pk, "changed": changed},
    )
    return changed
