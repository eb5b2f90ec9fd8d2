"""Every figure the reports show, counted in the database.

Each function starts from a ``Scope``: the person's own querysets
(``visible_to(user)``), narrowed to a team or a practitioner if asked. A team
lead's reports count their team; a practitioner's only their own families; a
superuser's everyone's. Each runs a fixed number of queries, however much
history there is (tests/reports/test_query_counts.py).

Families linked as duplicates (``DuplicateLink``) are counted once: the
referral the team kept stands for both.
"""

from .flow import (
    NOT_SEEN,
    ROUTE_AND_OUTCOME,
    attendance_by_month,
    headlines,
    referrals_by_month,
    referrals_by_source,
    visit_mix,
    waiting_summary,
    waits_to_allocation,
    waits_to_first_visit,
)
from .people import (
    STAGE_REQUIREMENTS,
    accreditation,
    caseload,
    endings,
    goal_outcomes,
    reach,
)
from .scope import (
    ACCEPTED,
    NOT_SEEN_DAYS,
    RELIABLE_GBO_CHANGE,
    Scope,
    caseload_sizes,
)

__all__ = [
    "ACCEPTED",
    "NOT_SEEN",
    "NOT_SEEN_DAYS",
    "RELIABLE_GBO_CHANGE",
    "ROUTE_AND_OUTCOME",
    "STAGE_REQUIREMENTS",
    "Scope",
    "accreditation",
    "attendance_by_month",
    "caseload",
    "caseload_sizes",
    "endings",
    "goal_outcomes",
    "headlines",
    "reach",
    "referrals_by_month",
    "referrals_by_source",
    "visit_mix",
    "waiting_summary",
    "waits_to_allocation",
    "waits_to_first_visit",
]
