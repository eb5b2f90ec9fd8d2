"""What every programme action shares: the domain error, the audit vocabulary,
and locking a programme that is still open."""

from accounts import audit

from ..models import Programme


class ProgrammeError(ValueError):
    """The change would break a rule; the message says which, in plain words.

    The ``why_not_…`` functions beside each action return the refusal the action
    would raise (or None), so a page can say why a move isn't open before anyone
    tries it. ``explanation`` is how such a page puts it, where that reads
    differently from the error; it defaults to the message.
    """

    def __init__(self, message, *, explanation=""):
        super().__init__(message)
        self.explanation = explanation or message


class AuditAction:
    OPENED = "programme.opened"
    VIEWED = "programme.viewed"
    STATE_CHANGED = "programme.state_changed"
    VISITS_REPLANNED = "programme.planned_visits_changed"
    GOAL_ADDED = "programme.goal_added"
    GOAL_REVISED = "programme.goal_revised"
    GOAL_ACHIEVED = "programme.goal_achieved"
    GOALS_RATED = "programme.goals_rated"
    VISIT_BOOKED = "visit.booked"
    VISIT_CHANGED = "visit.changed"
    VISIT_CANCELLED = "visit.cancelled"
    VISIT_OUTCOME = "visit.outcome_recorded"
    REVIEW_RECORDED = "visit.shared_review_recorded"
    SUMMARY_WRITTEN = "visit.summary_written"
    SUMMARY_SKIPPED = "visit.summary_skipped"
    SUMMARY_SENT = "visit.summary_sent"
    SUMMARY_EMAILED = "visit.summary_emailed"
    ENDED = "programme.ended"
    CLOSING_LETTER_SENT = "programme.closing_letter_sent"
    CLOSING_LETTER_EMAILED = "programme.closing_letter_emailed"


def audit_change(action, programme, by, request=None, **details):
    audit.record(
        action,
        actor=by,
        target=programme,
        family_reference=programme.reference,
        team_id=programme.referral.team_id,
        request=request,
        details=details,
    )


def why_not_add_to(programme):
    if programme.is_closed:
        return ProgrammeError("This programme has ended. Nothing more can be added to it.")
    return None


def lock_open(programme):
    """The programme row, locked for this transaction; refused once it has ended."""
    locked = Programme.objects.select_for_update().select_related("referral").get(pk=programme.pk)
    if refusal := why_not_add_to(locked):
        raise refusal
    return locked
