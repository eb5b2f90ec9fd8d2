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
        return annotate_written_once(self, _visits_done).annotate(next_visit_at=Subquery(coming))


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


# (the function building the expressions, database alias) → {name: (sql, params, field)}
_WRITTEN = {}


def annotate_written_once(programmes, build):
    """``programmes.annotate(**build())``, with each expression's SQL compiled once a
    process (and database) rather than on every request.

    For the subqueries a list counts per programme that hold no value of the request
    (no "now", no person): Django compiles a correlated subquery afresh each time it
    runs a query, ~0.3 ms apiece, ~4 ms for the caseload's eleven, and the SQL never
    changes. ``build`` returns ``{name: expression}`` over a programme's own rows.
    The SQL names the programme table itself, so these querysets must not be nested
    inside another query (Django would rename the table there, not here).
    """
    from django.db.models.expressions import RawSQL

    key = (build, programmes.db)
    if key not in _WRITTEN:
        query = programmes.model.objects.annotate(**build()).query
        compiler = query.get_compiler(programmes.db)
        _WRITTEN[key] = {
            name: (*compiler.compile(expression), expression.output_field)
            for name, expression in query.annotations.items()
        }
    return programmes.annotate(
        **{
            # Django's own SQL for our expressions, its values still passed apart.
            name: RawSQL(sql, params, output_field=field)  # noqa: S611
            for name, (sql, params, field) in _WRITTEN[key].items()
        }
    )


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
