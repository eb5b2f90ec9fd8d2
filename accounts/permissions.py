"""Roles map to permissions here, and nowhere else.

Views ask ``has_permission(user, Permission.X)`` (or use the
``permission_required`` decorator); object-level visibility is the job of the
``visible_to`` querysets, which answer 404 for records outside a user's team.
"""

import enum
from functools import wraps

from django.core.exceptions import PermissionDenied

from .models import Role


class Permission(enum.Enum):
    VIEW_STAFF_AREA = "view_staff_area"
    VIEW_OWN_CASELOAD = "view_own_caseload"
    WORK_WITH_FAMILIES = "work_with_families"
    VIEW_SUPERVISEE_CASES = "view_supervisee_cases"
    TRIAGE_REFERRALS = "triage_referrals"
    ALLOCATE_CASES = "allocate_cases"
    VIEW_TEAM_CASES = "view_team_cases"
    VIEW_REPORTS = "view_reports"
    VIEW_AUDIT_TRAIL = "view_audit_trail"
    CONFIGURE_SERVICE = "configure_service"


_PRACTITIONER = {
    Permission.VIEW_STAFF_AREA,
    Permission.VIEW_OWN_CASELOAD,
    Permission.WORK_WITH_FAMILIES,
}

ROLE_PERMISSIONS = {
    Role.PRACTITIONER: _PRACTITIONER,
    Role.SUPERVISOR: _PRACTITIONER | {Permission.VIEW_SUPERVISEE_CASES},
    Role.TEAM_LEAD: _PRACTITIONER
    | {
        Permission.TRIAGE_REFERRALS,
        Permission.ALLOCATE_CASES,
        Permission.VIEW_TEAM_CASES,
        Permission.VIEW_REPORTS,
        Permission.VIEW_AUDIT_TRAIL,
    },
    Role.SERVICE_ADMIN: {Permission.VIEW_STAFF_AREA, Permission.CONFIGURE_SERVICE},
}


def permissions_for(user):
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Permission)
    return frozenset(ROLE_PERMISSIONS.get(user.role, ()))


def has_permission(user, permission):
    return permission in permissions_for(user)


def permission_required(permission):
    """View decorator: 403 for a signed-in user whose role lacks ``permission``.

    Signing in and the second factor are enforced before any staff view runs,
    by ``accounts.middleware.StaffAccessMiddleware``.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_permission(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
