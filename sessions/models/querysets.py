"""Programmes and visits, scoped to the person asking (STYLE.md).

Who sees which family is decided in ``accounts.permissions`` (``programme_scope``);
these querysets only apply it.
"""

from django.db import models
from django.db.models import Q

from accounts.permissions import programme_scope


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
