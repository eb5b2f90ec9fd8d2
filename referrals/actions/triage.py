"""Triage: accept to the waiting list, decline, signpost, or ask for more information.

The rules live here once. Pages ask ``why_not_triage`` before offering the form
and show its reason; the form asks ``NOTE_NEEDED`` which decisions need a note.
"""

from django.db import models, transaction
from django.utils import timezone

from accounts import audit
from accounts.models import User

from ..codes import Priority
from ..models import Referral, Status, StatusChange
from .base import AuditAction, ReferralError


class Decision(models.TextChoices):
    ACCEPT = "accept", "Accept to the waiting list"
    DECLINE = "decline", "Decline"
    SIGNPOST = "signpost", "Signpost to another service"
    REQUEST_INFO = "request_info", "Ask for more information"


# The status each decision leads to.
TRIAGE_DECISIONS = {
    Decision.ACCEPT: Status.WAITING,
    Decision.DECLINE: Status.DECLINED,
    Decision.SIGNPOST: Status.SIGNPOSTED,
    Decision.REQUEST_INFO: Status.INFO_REQUESTED,
}
TRIAGEABLE_STATUSES = (Status.NEW, Status.INFO_REQUESTED, Status.WAITING)

# Decisions that need a note, and what the note must say.
NOTE_NEEDED = {
    Decision.DECLINE: "Enter why you are declining this referral",
    Decision.SIGNPOST: "Enter where you are signposting the family to",
    Decision.REQUEST_INFO: "Enter what information you need",
}


def why_not_triage(referral):
    """Why ``referral`` can't be triaged now, in words for the page; None if it can."""
    if referral.status in TRIAGEABLE_STATUSES:
        return None
    if referral.status == Status.ALLOCATED:
        return f"{referral.reference} is allocated: it can't be triaged again"
    status = referral.get_status_display().lower()
    return f"{referral.reference} is already {status}: it can't be triaged again"


def can_triage(referral):
    return why_not_triage(referral) is None


@transaction.atomic
def triage(*, referral, decision: str, priority: int, note: str = "", by: User, request=None):
    """Accept to the waiting list, decline, signpost, or ask for more information."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if decision not in TRIAGE_DECISIONS:
        raise ReferralError("Choose what to do with this referral.")
    new_status = TRIAGE_DECISIONS[decision]
    if reason := why_not_triage(referral):
        raise ReferralError(reason)
    if decision in NOTE_NEEDED and not note.strip():
        raise ReferralError("Say why, so the family and colleagues know.")
    priority = Priority(int(priority))
    if referral.status == new_status and referral.priority == priority and not note:
        return referral  # nothing changes
    old = {"status": referral.status, "priority": referral.priority}
    now = timezone.now()
    referral.status, referral.priority, referral.status_changed_at = new_status, priority, now
    referral.save(update_fields=["status", "priority", "status_changed_at"])
    change = StatusChange.objects.create(
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
    from scheduling import followups, referral_messages

    if new_status == Status.WAITING:
        # The team leads hear once if it waits past the service's target.
        followups.referral_waiting(referral)
    # The referrer (or a self-referred family) hears of an ending or a question.
    referral_messages.decided(referral, decision, note.strip(), change.pk)
    return referral
