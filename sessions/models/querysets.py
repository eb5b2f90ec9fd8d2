"""Programmes and visits, scoped to the person asking (STYLE.md).

Who sees which family is decided in ``accounts.permissions`` (``programme_scope``);
these querysets only apply it.
"""

from functools import cache

from django.db import models

from accounts.permissions import programme_scope


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = programme_scope(user)
        return self.none() if scope is None else self.filter(scope)

    def open(self):
        from .programme import CLOSED_STATES

        return self.exclude(state__in=CLOSED_STATES)

    def with_progress(self, now=None):
        """Visits used, cycles done and the next visit, each a subquery on the
        programme's visits (no join and GROUP BY over every visit of every family)."""
        from django.db.models import OuterRef, Subquery
        from django.utils import timezone

        from .visits import Visit, VisitState

        now = now or timezone.now()
        coming = (
            Visit.objects.filter(programme=OuterRef("pk"), starts_at__gte=now)
            .exclude(state=VisitState.CANCELLED)
            .order_by("starts_at")
            .values("starts_at")[:1]
        )
        return self.annotate(**_visits_done(), next_visit_at=Subquery(coming))


@cache
def _visits_done():
    """``with_progress``'s counts that do not depend on the time: built once a process
    (each costs ~0.2 ms to build; ``annotate`` copies them, so sharing is safe)."""
    from .visits import ATTENDED_CODES, Visit, VisitKind

    attended = Visit.objects.filter(attendance__in=ATTENDED_CODES)
    return {
        "visits_used": count_per_programme(attended),
        "cycles_done": count_per_programme(attended.filter(kind=VisitKind.SHARED_REVIEW)),
    }


def count_per_programme(rows):
    """How many of ``rows`` (rows with a ``programme``) each programme has: a subquery."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    counted = (
        rows.filter(programme=OuterRef("pk"))
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


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
