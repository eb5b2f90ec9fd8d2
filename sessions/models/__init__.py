"""The VIG programme: goals, visits, shared reviews, summaries and the ending.

One module per part of the programme; everything is importable from
``sessions.models`` as before.
"""

from .goals import MAX_ACTIVE_GOALS, Goal, GoalRating, GoalStatus, RatingWhen
from .programme import (
    CLOSED_STATES,
    MAX_PLANNED_VISITS,
    EndReason,
    PlannedVisitsChange,
    Programme,
    ProgrammeState,
    StateChange,
)
from .summaries import (
    DeliveryMethod,
    SessionSummary,
    SharedReview,
    SummaryDelivery,
    SummarySkip,
)
from .visits import (
    ATTENDED_CODES,
    CANCELLED_CODES,
    PLACE_CSDS_CODES,
    Attendance,
    Mechanism,
    Place,
    Visit,
    VisitKind,
    VisitState,
)

__all__ = [
    "ATTENDED_CODES",
    "CANCELLED_CODES",
    "CLOSED_STATES",
    "MAX_ACTIVE_GOALS",
    "MAX_PLANNED_VISITS",
    "PLACE_CSDS_CODES",
    "Attendance",
    "DeliveryMethod",
    "EndReason",
    "Goal",
    "GoalRating",
    "GoalStatus",
    "Mechanism",
    "Place",
    "PlannedVisitsChange",
    "Programme",
    "ProgrammeState",
    "RatingWhen",
    "SessionSummary",
    "SharedReview",
    "StateChange",
    "SummaryDelivery",
    "SummarySkip",
    "Visit",
    "VisitKind",
    "VisitState",
]
