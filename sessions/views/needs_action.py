"""What a practitioner still has to do for a family, defined once.

Three things can be left undone after a visit: the outcome of a booked visit
that has passed, the summary of a visit that took place, and the baseline
rating of a goal the family is working on. The caseload counts them for every
family in one query (``with_needs_action``); the case page lists them, one
query each (``visits_needing_summary`` and friends), from the same definitions.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import (
    ATTENDED_CODES,
    Goal,
    GoalRating,
    GoalStatus,
    RatingWhen,
    Visit,
    VisitKind,
    VisitState,
)


def visits_needing_outcome(now):
    """Booked visits whose time has come and gone with nothing recorded."""
    return Visit.objects.filter(state=VisitState.BOOKED, starts_at__lt=now)


def visits_needing_summary():
    """Visits that took place and have no session summary yet."""
    return Visit.objects.filter(attendance__in=ATTENDED_CODES, summary__isnull=True)


def goals_needing_baseline():
    """Goals the family is working on that have never been rated."""
    baseline = GoalRating.objects.filter(goal=OuterRef("pk"), when=RatingWhen.BASELINE)
    return Goal.objects.filter(~Exists(baseline), status=GoalStatus.ACTIVE)


def _count_per_programme(rows):
    counted = (
        rows.filter(programme=OuterRef("pk"))
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_needs_action(programmes, now):
    """Annotate ``outcomes_due``, ``summaries_due`` and ``baselines_due``, and
    ``filmings_done`` (for the cycle number), without a query per programme."""
    filmed = Q(visits__attendance__in=ATTENDED_CODES, visits__kind=VisitKind.FILMING)
    return programmes.annotate(
        outcomes_due=_count_per_programme(visits_needing_outcome(now)),
        summaries_due=_count_per_programme(visits_needing_summary()),
        baselines_due=_count_per_programme(goals_needing_baseline()),
        filmings_done=Count("visits", filter=filmed, distinct=True),
    )


def needs_action_count(programme):
    return programme.outcomes_due + programme.summaries_due + programme.baselines_due


def cycle_label(programme):
    """Where the family is in the film → review cycles, from the annotated counts.

    A cycle starts with a filming visit and ends with the shared review of it.
    """
    filmed, reviewed = programme.filmings_done, programme.cycles_done
    if not filmed and not reviewed:
        return "Not started"
    if filmed > reviewed:
        return f"Cycle {filmed}: filmed, review to come"
    return f"Cycle {reviewed}: reviewed"
