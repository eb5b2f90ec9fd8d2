"""Caseloads, goal outcomes, reach and accreditation."""

from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from films.accreditation import REQUIREMENTS
from films.queries import accreditation_for
from sessions.models import (
    ATTENDED_CODES,
    CLOSED_STATES,
    Attendance,
    Goal,
    GoalRating,
    ProgrammeState,
    Visit,
    VisitKind,
    VisitState,
)

from ..sql import DaysBetween
from .scope import NOT_SEEN_DAYS, ONE_DAY, RELIABLE_GBO_CHANGE, _between

# --- Caseload -------------------------------------------------------------------------


def _cycle_review():
    """A shared review that took place after a filming visit that took place: a cycle."""
    filmed_before = Visit.objects.filter(
        programme=OuterRef("programme"),
        kind=VisitKind.FILMING,
        attendance__in=ATTENDED_CODES,
        starts_at__lt=OuterRef("starts_at"),
    )
    return Q(kind=VisitKind.SHARED_REVIEW, attendance__in=ATTENDED_CODES) & Q(Exists(filmed_before))


def caseload(scope, start, end, now):
    """Per guider: open programmes by state, families not seen for 28 days or more; visits
    in the period by outcome, cycles completed; the next visit and visits overdue an
    outcome. Two queries, keyed by the practitioner's id."""
    last_seen = (
        Visit.objects.filter(programme=OuterRef("pk"), attendance__in=ATTENDED_CODES)
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    long_ago = now - NOT_SEEN_DAYS * ONE_DAY
    programmes = (
        scope.programmes()
        .open()
        .alias(last_seen=Subquery(last_seen))
        .values("guider")
        .annotate(
            pre_vig=Count("pk", filter=Q(state=ProgrammeState.PRE_VIG)),
            active=Count("pk", filter=Q(state=ProgrammeState.ACTIVE)),
            paused=Count("pk", filter=Q(state=ProgrammeState.PAUSED)),
            not_seen=Count(
                "pk",
                filter=Q(last_seen__lt=long_ago)
                | Q(last_seen__isnull=True, opened_at__lt=long_ago),
            ),
        )
        .order_by()
    )
    in_period = _between("starts_at", start, end)
    visits = (
        scope.visits()
        .values("practitioner")
        .annotate(
            attended=Count("pk", filter=in_period & Q(attendance__in=ATTENDED_CODES)),
            not_brought=Count("pk", filter=in_period & Q(attendance=Attendance.DID_NOT_ATTEND)),
            cancelled=Count("pk", filter=in_period & Q(state=VisitState.CANCELLED)),
            cycles=Count("pk", filter=in_period & _cycle_review()),
            next_visit=Min(
                "starts_at", filter=Q(starts_at__gte=now) & ~Q(state=VisitState.CANCELLED)
            ),
            overdue=Count("pk", filter=Q(state=VisitState.BOOKED, starts_at__lt=now)),
        )
        .order_by()
    )
    return {row["guider"]: row for row in programmes}, {row["practitioner"]: row for row in visits}


# --- Outcomes -------------------------------------------------------------------------


def goal_outcomes(scope, start, end):
    """Goals whose last GBO rating fell in the period, rated at least twice: how many,
    the mean change (last − first), and how many changed reliably up or down."""
    ratings = GoalRating.objects.filter(goal=OuterRef("pk"))
    first = ratings.order_by("rated_on", "recorded_at", "pk").values("score")[:1]
    last = ratings.order_by("-rated_on", "-recorded_at", "-pk").values("score")[:1]
    goals = (
        Goal.objects.filter(programme__in=scope.programmes())
        # Only goals rated in the period can have their last rating there: saying so
        # first spares the first/last look-ups for every other goal of the team.
        .filter(Exists(ratings.filter(rated_on__gte=start.date(), rated_on__lt=end.date())))
        .annotate(ratings_n=Count("ratings"), last_on=Max("ratings__rated_on"))
        .filter(ratings_n__gte=2, last_on__gte=start.date(), last_on__lt=end.date())
        .annotate(change=Subquery(last) - Subquery(first))
    )
    return goals.aggregate(
        goals=Count("pk"),
        mean_change=Avg("change"),
        improved=Count("pk", filter=GreaterThanOrEqual(F("change"), RELIABLE_GBO_CHANGE)),
        # Compared as numbers: a lookup would round the threshold to the field's integer.
        worse=Count("pk", filter=LessThanOrEqual(F("change"), -RELIABLE_GBO_CHANGE)),
    )


def endings(scope, start, end):
    """Programmes ended in the period, by reason (completed is one reason)."""
    rows = scope.programmes().filter(
        state__in=CLOSED_STATES, ended_on__gte=start.date(), ended_on__lt=end.date()
    )
    return {
        r["end_reason"]: r["n"]
        for r in rows.values("end_reason").annotate(n=Count("pk")).order_by()
    }


# --- Reach ----------------------------------------------------------------------------


def _cohort_counts():
    return {
        "referred": Count("pk", distinct=True),
        "started": Count("pk", distinct=True, filter=Q(programme__isnull=False)),
        "completed": Count(
            "pk", distinct=True, filter=Q(programme__state=ProgrammeState.COMPLETED)
        ),
    }


def reach(scope, start, end):
    """Families referred in the period, and of those how many started and completed,
    by a caregiver's ethnic category, relationship and language, and by the youngest
    child's age. A family is counted once in each group it belongs to."""
    from django.db.models import Case, CharField, When

    cohort = scope.referrals().filter(_between("received_at", start, end)).order_by()
    language = Case(
        When(caregivers__interpreter_needed=True, then=Value("interpreter")),
        When(Q(caregivers__language="") | Q(lower_language="english"), then=Value("english")),
        default=Value("other"),
        output_field=CharField(),
    )
    child = Case(
        When(children__due_date__isnull=False, then=Value("unborn")),
        When(
            Q(age_days__lt=365),
            then=Value("under_1"),
        ),
        default=Value("older"),
        output_field=CharField(),
    )
    return {
        "total": cohort.aggregate(**_cohort_counts()),
        "ethnicity": list(
            cohort.values(group=Coalesce("caregivers__ethnicity", Value(""))).annotate(
                **_cohort_counts()
            )
        ),
        "relationship": list(
            cohort.values(group=F("caregivers__relationship")).annotate(**_cohort_counts())
        ),
        "language": list(
            cohort.alias(lower_language=Lower("caregivers__language"))
            .values(group=language)
            .annotate(**_cohort_counts())
        ),
        "child": list(
            cohort.alias(age_days=DaysBetween("received_at", "children__date_of_birth"))
            .values(group=child)
            .annotate(**_cohort_counts())
        ),
    }


# --- Accreditation --------------------------------------------------------------------

# The AVIGuk trainee stages and what each asks for (films.accreditation, DOMAIN.md).
STAGE_REQUIREMENTS = REQUIREMENTS


def accreditation(scope):
    """Per trainee the person may see, ordered by name: AVIGuk progress over all
    history — cycles (a filming visit with clips and a shared review of them),
    families, supervision minutes, split per stage — ``{id: films Progress}``. One
    query however many trainees (``films.queries.accreditation_for``)."""
    trainees = (
        scope.staff()
        .filter(accreditation_stage__in=list(STAGE_REQUIREMENTS))
        .order_by("full_name", "pk")
    )
    return accreditation_for(trainees)
