"""Reads of programmes and visits, scoped to the person asking (STYLE.md)."""

from django.db import models
from django.db.models import Q


def programme_scope(user, prefix=""):
    """A Q object for the programmes ``user`` may see (``prefix`` for related lookups).

    The guider sees their own; a trainee's VIG supervisor sees their supervisees';
    team leads see their team's. Nobody else sees any.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Q()
    if not user.team_id or user.role == "service_admin":
        return None
    scope = Q(**{f"{prefix}guider": user})
    if user.role == "supervisor":
        scope |= Q(**{f"{prefix}supervisor": user}) | Q(**{f"{prefix}guider__supervisor": user})
    if user.role == "team_lead":
        scope |= Q(**{f"{prefix}referral__team_id": user.team_id})
    return scope


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = programme_scope(user)
        return self.none() if scope is None else self.filter(scope)

    def open(self):
        from .programme import CLOSED_STATES

        return self.exclude(state__in=CLOSED_STATES)

    def with_progress(self, now=None):
        """Visits used, cycles done and the next visit, counted in SQL."""
        from django.db.models import Count, Min
        from django.utils import timezone

        from .visits import ATTENDED_CODES, VisitKind, VisitState

        now = now or timezone.now()
        attended = Q(visits__attendance__in=ATTENDED_CODES)
        return self.annotate(
            visits_used=Count("visits", filter=attended, distinct=True),
            cycles_done=Count(
                "visits", filter=attended & Q(visits__kind=VisitKind.SHARED_REVIEW), distinct=True
            ),
            next_visit_at=Min(
                "visits__starts_at",
                filter=Q(visits__starts_at__gte=now) & ~Q(visits__state=VisitState.CANCELLED),
            ),
        )


class VisitQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = programme_scope(user, prefix="programme__")
        return self.none() if scope is None else self.filter(scope)

    def not_cancelled(self):
        from .visits import VisitState

        return self.exclude(state=VisitState.CANCELLED)

    def overlapping(self, *, practitioner, starts_at, ends_at):
        """Visits of ``practitioner`` that would clash with [starts_at, ends_at)."""
        return self.not_cancelled().filter(
            practitioner=practitioner, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
