"""Every write to a referral: checked, done, audited, in one transaction.

Each action's rules live beside it, once, with a ``why_not_…`` (and ``can_…``)
that pages ask before offering the action, so they show the rule's own words:

- ``submission``: a referral from a public form (``submit_referral``)
- ``acknowledgement``: the email that thanks whoever referred (``send_acknowledgement``)
- ``triage``: ``why_not_triage``/``can_triage``, ``NOTE_NEEDED``, ``triage``
- ``allocation``: ``why_not_allocate``/``can_allocate``, ``why_not_allocate_to``, ``allocate``
- ``duplicates``: ``why_not_link``/``can_link``, ``link_duplicate`` (the same family);
  ``why_not_mark_different``/``can_mark_different``, ``mark_different_families``
- ``base``: ``ReferralError``, the audit vocabulary, ``record_view``
"""

from .acknowledgement import send_acknowledgement
from .allocation import (
    ALLOCATABLE_ROLES,
    ALLOCATABLE_STATUSES,
    NOT_IN_TEAM,
    allocate,
    can_allocate,
    why_not_allocate,
    why_not_allocate_to,
)
from .base import AuditAction, ReferralError, record_view
from .duplicates import (
    can_link,
    can_mark_different,
    kept_and_duplicate,
    link_duplicate,
    mark_different_families,
    why_not_link,
    why_not_mark_different,
)
from .submission import (
    CaregiverDetails,
    ChildDetails,
    ReferralDetails,
    submit_referral,
)
from .triage import (
    NOTE_NEEDED,
    TRIAGE_DECISIONS,
    TRIAGEABLE_STATUSES,
    Decision,
    can_triage,
    triage,
    why_not_triage,
)

__all__ = [
    "ALLOCATABLE_ROLES",
    "ALLOCATABLE_STATUSES",
    "NOT_IN_TEAM",
    "NOTE_NEEDED",
    "TRIAGEABLE_STATUSES",
    "TRIAGE_DECISIONS",
    "AuditAction",
    "CaregiverDetails",
    "ChildDetails",
    "Decision",
    "ReferralDetails",
    "ReferralError",
    "allocate",
    "can_allocate",
    "can_link",
    "can_mark_different",
    "can_triage",
    "kept_and_duplicate",
    "link_duplicate",
    "mark_different_families",
    "record_view",
    "send_acknowledgement",
    "submit_referral",
    "triage",
    "why_not_allocate",
    "why_not_allocate_to",
    "why_not_link",
    "why_not_mark_different",
    "why_not_triage",
]
