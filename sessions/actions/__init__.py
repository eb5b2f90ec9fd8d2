"""Every write to a programme: checked, done and audited in one transaction.

One module per part of the programme (``programme``, ``goals``, ``visits``,
``reviews``, ``sending``); import them from here, as ``sessions.actions.X``.
"""

from .base import AuditAction, ProgrammeError
from .goals import add_goal, mark_goal_achieved, rate_goals, revise_goal
from .programme import (
    STATE_MOVES,
    change_planned_visits,
    change_state,
    end_programme,
    open_programme,
    record_view,
)
from .reviews import record_shared_review, write_summary
from .sending import record_closing_letter, send_summary
from .visits import book_visit, cancel_visit, change_visit, record_outcome

__all__ = [
    "STATE_MOVES",
    "AuditAction",
    "ProgrammeError",
    "add_goal",
    "book_visit",
    "cancel_visit",
    "change_planned_visits",
    "change_state",
    "change_visit",
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
    "write_summary",
]
