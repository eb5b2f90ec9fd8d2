"""Staff, the services they work for, their teams, and the audit trail.

``UserManager`` and ``ImmutableModelMixin`` stay importable from here: the
first migrations name them by this path.
"""

from ..immutable import ImmutableModelMixin
from .audit import AuditAction, AuditEvent
from .organisation import Service, Team
from .people import AccreditationStage, Role, User, UserManager

__all__ = [
    "AccreditationStage",
    "AuditAction",
    "AuditEvent",
    "ImmutableModelMixin",
    "Role",
    "Service",
    "Team",
    "User",
    "UserManager",
]
