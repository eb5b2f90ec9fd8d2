"""Roles map to permissions here, and nowhere else; so do the records each reaches.

``has_permission(user, Permission.X)`` asks whether the person's role allows X
at all. ``has_permission(user, Permission.X, obj)`` asks whether it allows X on
that record: a family's programme, or anything in it (a visit, a goal, a
consent record). The lists a person sees come from the ``visible_to(user)``
querysets, built from the same rules by ``programme_scope``, so a page and its
list can't disagree about who sees which family.
"""

import enum
from functools import reduce, wraps
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from .models import Role


class Permission(enum.Enum):
    VIEW_STAFF_AREA = "view_staff_area"
    # On a programme: the family is one's own (one guides them).
    VIEW_OWN_CASELOAD = "view_own_caseload"
    # On a programme: change it (book, record, end). One's own families, and
    # those of the team one leads (CHANGE_TEAM_CASES).
    WORK_WITH_FAMILIES = "work_with_families"
    # On a programme: the guider is a trainee one supervises. Read only.
    VIEW_SUPERVISEE_CASES = "view_supervisee_cases"
    TRIAGE_REFERRALS = "triage_referrals"
    ALLOCATE_CASES = "allocate_cases"
    # On a programme: the family is with one's team.
    VIEW_TEAM_CASES = "view_team_cases"
    CHANGE_TEAM_CASES = "change_team_cases"
    # The reports pages: team leads (their team) and service admins (their service's teams).
    VIEW_REPORTS = "view_reports"
    VIEW_AUDIT_TRAIL = "view_audit_trail"
    # Failed scheduled work and messages: team leads (their team's), service admins
    # (their service's teams'); each row can be tried again (scheduling.actions).
    RETRY_FAILED_WORK = "retry_failed_work"
    # The Django admin: services, teams, staff accounts, consent forms.
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
        Permission.CHANGE_TEAM_CASES,
        Permission.VIEW_REPORTS,
        Permission.VIEW_AUDIT_TRAIL,
        Permission.RETRY_FAILED_WORK,
    },
    # Reports: their service's teams' figures (reports.queries.Scope), no family's records.
    Role.SERVICE_ADMIN: {
        Permission.VIEW_STAFF_AREA,
        Permission.CONFIGURE_SERVICE,
        Permission.VIEW_REPORTS,
        Permission.RETRY_FAILED_WORK,
    },
}


def permissions_for(user):
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Permission)
    return frozenset(ROLE_PERMISSIONS.get(user.role, ()))


# --- Which families each permission reaches ---------------------------------------------


# The records these rules reach: a family's programme, and what belongs to it.
# Another kind of record needs its own entry here (and rules for it) before
# has_permission grants anything on it.
PROGRAMME_OF = {
    "vig_sessions.programme": lambda programme: programme,
    "vig_sessions.visit": lambda visit: visit.programme,
    "vig_sessions.goal": lambda goal: goal.programme,
    "consent.consentrecord": lambda record: record.programme,
}


# How a person stands to a family's programme, whatever their role.


def guides(user, programme):
    return programme.guider_id == user.pk


def supervises(user, programme):
    return user.pk in (programme.supervisor_id, programme.guider.supervisor_id)


def in_team(user, programme):
    return user.team_id is not None and programme.referral.team_id == user.team_id


def _works_on(user, programme):
    return guides(user, programme) or has_permission(user, Permission.CHANGE_TEAM_CASES, programme)


OBJECT_RULES = {
    Permission.VIEW_OWN_CASELOAD: guides,
    Permission.WORK_WITH_FAMILIES: _works_on,
    Permission.VIEW_SUPERVISEE_CASES: supervises,
    Permission.VIEW_TEAM_CASES: in_team,
    Permission.CHANGE_TEAM_CASES: in_team,
}


def has_permission(user, permission, obj=None):
    """Whether ``user``'s role allows ``permission`` — on ``obj``, when given.

    A permission with no rule for records (triage, the audit trail…), or a kind of
    record the rules don't reach, is never granted on one: ask without ``obj``.
    """
    if permission not in permissions_for(user):
        return False
    if obj is None or user.is_superuser:
        return True
    rule = OBJECT_RULES.get(permission)
    programme_of = PROGRAMME_OF.get(obj._meta.label_lower)
    return rule is not None and programme_of is not None and rule(user, programme_of(obj))


def programme_scope(user, prefix=""):
    """A ``Q`` for the programmes ``user`` may see (``prefix`` for related lookups),
    or None for none: the same rules as ``has_permission`` on a programme.

    The guider sees their own; a trainee's VIG supervisor sees their supervisees';
    team leads see their team's. Nobody else sees any.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Q()
    if not user.team_id:
        return None
    reaches = {
        Permission.VIEW_OWN_CASELOAD: Q(**{f"{prefix}guider": user}),
        Permission.VIEW_SUPERVISEE_CASES: Q(**{f"{prefix}supervisor": user})
        | Q(**{f"{prefix}guider__supervisor": user}),
        # The programme's own team (kept equal to its family's, moved with them on
        # reallocation): indexed, so a team's open programmes need no referral join.
        Permission.VIEW_TEAM_CASES: Q(**{f"{prefix}team_id": user.team_id}),
    }
    scopes = [q for permission, q in reaches.items() if has_permission(user, permission)]
    return reduce(or_, scopes) if scopes else None


def permission_required(permission):
    """View decorator: 403 for a signed-in user whose role lacks ``permission``.

    Signing in and the second factor are enforced before any staff view runs,
    by ``accounts.middleware.StaffAccessMiddleware``. Pages about one family
    check the family first (``sessions.views.access.programme_page``): 404 for
    a family out of scope, then 403 for a change the person may not make.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_permission(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def may_configure_service(request):
    """The Django admin's own check (``AdminSite.has_permission``)."""
    user = request.user
    return user.is_active and user.is_staff and has_permission(user, Permission.CONFIGURE_SERVICE)
