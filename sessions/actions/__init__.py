"""Every write to a programme: checked, done and audited in one transaction.

One module per part of the programme (``programme``, ``goals``, ``visits``,
``reviews``, ``sending``); import them from here, as ``sessions.actions.X``.

Beside each action, ``why_not_<action>(…)`` returns the ``ProgrammeError`` the
action would raise for the record as it stands, or None: pages ask it whether
to offer the move, and show its ``explanation`` when they don't.
"""

from .base import AuditAction, ProgrammeError, why_not_add_to
from .goals import (
    add_goal,
    mark_goal_achieved,
    rate_goals,
    revise_goal,
    why_not_add_goal,
    why_not_mark_achieved,
    why_not_rate_goals,
    why_not_revise_goal,
)
from .programme import (
    STATE_MOVES,
    change_planned_visits,
    change_state,
    end_programme,
    open_programme,
    record_view,
    state_moves,
    why_not_end_programme,
)
from .reviews import (
    record_shared_review,
    skip_summary,
    why_not_review,
    why_not_skip_summary,
    why_not_write_summary,
    write_summary,
)
from .sending import (
    Sending,
    email_closing_letter,
    email_summary,
    record_closing_letter,
    send_summary,
    why_not_send_closing_letter,
    why_not_send_summary,
)
from .visits import (
    book_visit,
    cancel_visit,
    change_visit,
    record_outcome,
    why_not_book_filming,
    why_not_cancel_visit,
    why_not_change_visit,
    why_not_meet_by,
    why_not_record_outcome,
)

__all__ = [
    "STATE_MOVES",
    "AuditAction",
    "ProgrammeError",
    "Sending",
    "add_goal",
    "book_visit",
    "cancel_visit",
    "change_planned_visits",
    "change_state",
    "change_visit",
    "email_closing_letter",
    "email_summary",
    "end_programme",
    "mark_goal_achieved",
    "open_programme",
    "rate_goals",
    "record_closing_letter",
    "record_outcome",
    "record_shared_review",
    "record_view",
    "revise_goal",
    "send_summary",
    "skip_summary",
    "state_moves",
    "why_not_add_goal",
    "why_not_add_to",
    "why_not_book_filming",
    "why_not_cancel_visit",
    "why_not_change_visit",
    "why_not_mark_achieved",
    "why_not_meet_by",
    "why_not_rate_goals",
    "why_not_end_programme",
    "why_not_record_outcome",
    "why_not_review",
    "why_not_revise_goal",
    "why_not_send_closing_letter",
    "why_not_send_summary",
    "why_not_skip_summary",
    "why_not_write_summary",
    "write_summary",
]
