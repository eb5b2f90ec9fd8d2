"""Every figure the reports show, counted in the database.

Each function starts from a ``Scope``: the person's own querysets
(``visible_to(user)``), narrowed to a team or a practitioner if asked. A team
lead's reports count their team; a practitioner's only their own families; a
superuser's everyone's. Each runs a fixed number of queries, however much
history there is (tests/reports/test_query_counts.py).

Families linked as duplicates (``DuplicateLink``) are counted once: the
referral the team kept stands for both.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import reduce
from operator import or_

from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower, TruncMonth
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual

from accounts.models import AccreditationStage, Role, User
from referrals.codes import WAITING_BANDS
from referrals.models import Allocation, DuplicateLink, Referral, Status
from sessions.models import (
    ATTENDED_CODES,
    CLOSED_STATES,
    Attendance,
    Goal,
    GoalRating,
    Programme,
    ProgrammeState,
    Visit,
    VisitKind,
    VisitState,
)

from .sql import DaysBetween, Percentile

ONE_DAY = timedelta(days=1)
NOT_SEEN_DAYS = 28
# CORC: a change of 2.45 points or more on a GBO goal is reliable (ADR 0011); scores
# are whole numbers, so 3 or more.
RELIABLE_GBO_CHANGE = 2.45
ACCEPTED = (Status.WAITING, Status.ALLOCATED)


@dataclass(frozen=True)
class Scope:
    user: User
    team: object = None
    practitioner: object = None

    def referrals(self):
        rows = Referral.objects.visible_to(self.user).exclude(
            pk__in=DuplicateLink.objects.values("duplicate_id")
        )
        if self.team:
            rows = rows.filter(team=self.team)
        if self.practitioner:
            rows = rows.filter(allocated_to=self.practitioner)
        return rows

    def _team_id(self):
        """The team the programme and visit figures are narrowed to: the one asked for,
        or a team lead's own. Within their scope already (a lead's own families are in
        their team: cases are allocated within it), but saying so lets the database
        start from the team's referrals by index instead of reading every programme."""
        if self.team:
            return self.team.pk
        if not self.user.is_superuser and self.user.role == Role.TEAM_LEAD:
            return self.user.team_id
        return None

    def programmes(self):
        rows = Programme.objects.visible_to(self.user)
        if team_id := self._team_id():
            rows = rows.filter(referral__team_id=team_id)
        if self.practitioner:
            rows = rows.filter(guider=self.practitioner)
        return rows

    def visits(self):
        rows = Visit.objects.visible_to(self.user)
        if team_id := self._team_id():
            rows = rows.filter(programme__referral__team_id=team_id)
        if self.practitioner:
            rows = rows.filter(practitioner=self.practitioner)
        return rows

    def staff(self):
        """The people whose caseloads the person may see (an unscoped list of names only)."""
        user = self.user
        if self.practitioner:
            people = User.objects.filter(pk=self.practitioner.pk)
        elif user.is_superuser:
            people = User.objects.filter(team__isnull=False)
        elif user.role == Role.TEAM_LEAD and user.team_id:
            people = User.objects.filter(team_id=user.team_id)
        else:
            people = User.objects.filter(pk=user.pk)
        if self.team:
            people = people.filter(team=self.team)
        return people.filter(is_active=True).exclude(role=Role.SERVICE_ADMIN).order_by("full_name")


def _between(field, start, end):
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def caseload_sizes(team):
    """The people in ``team`` a case can be allocated to, each with ``open_cases``
    (the families they hold now), counted in SQL."""
    from referrals.actions.allocation import ALLOCATABLE_ROLES

    return (
        User.objects.filter(team=team, is_active=True, role__in=ALLOCATABLE_ROLES)
        .annotate(open_cases=Count("caseload", filter=Q(caseload__status=Status.ALLOCATED)))
        .order_by("full_name")
    )


# --- Waiting --------------------------------------------------------------------------


def waiting_summary(waiting, now):
    """``(bands, over_target)``: families waiting now per national band (by whole days
    waited), and how many have waited longer than their service's target. Two queries."""
    waiting = waiting.order_by()
    counts = {}
    for index, (_label, low, high) in enumerate(WAITING_BANDS):
        in_band = Q()
        if low:
            in_band &= Q(received_at__lte=now - low * ONE_DAY)
        if high is not None:
            in_band &= Q(received_at__gt=now - (high + 1) * ONE_DAY)
        counts[f"band_{index}"] = Count("pk", filter=in_band)
    targets = set(waiting.values_list("service__waiting_target_weeks", flat=True).distinct())
    if targets:
        over = reduce(
            or_,
            (
                Q(
                    service__waiting_target_weeks=target,
                    received_at__lte=now - (target * 7 + 1) * ONE_DAY,
                )
                for target in targets
            ),
        )
        counts["over_target"] = Count("pk", filter=over)
    totals = waiting.aggregate(**counts)
    bands = [(label, totals[f"band_{i}"]) for i, (label, _, _) in enumerate(WAITING_BANDS)]
    return bands, totals.get("over_target") or 0


def _wait_statistics(rows, days):
    return (
        rows.annotate(days=days)
        .values("month")
        .annotate(
            waits=Count("pk"),
            median=Percentile("days", 0.5),
            p90=Percentile("days", 0.9),
            breaches=Count("pk", filter=Q(days__gt=F("target") * 7)),
        )
        .order_by("month")
    )


def waits_to_allocation(scope, start, end):
    """Per month of allocation: waits ended, median and 90th percentile days from
    referral to first allocation, and waits longer than the service's target."""
    earlier = Allocation.objects.filter(
        referral=OuterRef("referral"), allocated_at__lt=OuterRef("allocated_at")
    )
    rows = (
        Allocation.objects.filter(referral__in=scope.referrals())
        .filter(_between("allocated_at", start, end), ~Exists(earlier))
        .annotate(
            month=TruncMonth("allocated_at"), target=F("referral__service__waiting_target_weeks")
        )
    )
    return list(_wait_statistics(rows, DaysBetween("allocated_at", "referral__received_at")))


def waits_to_first_visit(scope, start, end):
    """Per month: days from referral to the family's first visit that took place."""
    earlier = Visit.objects.filter(
        programme=OuterRef("programme"),
        attendance__in=ATTENDED_CODES,
        starts_at__lt=OuterRef("starts_at"),
    )
    rows = (
        scope.visits()
        .filter(_between("starts_at", start, end), attendance__in=ATTENDED_CODES)
        .filter(~Exists(earlier))
        .annotate(
            month=TruncMonth("starts_at"),
            target=F("programme__referral__service__waiting_target_weeks"),
        )
    )
    return list(
        _wait_statistics(rows, DaysBetween("starts_at", "programme__referral__received_at"))
    )


# --- Referrals ------------------------------------------------------------------------

ROUTE_AND_OUTCOME = {
    "total": Q(),
    "self_referral": Q(route="self"),
    "professional": Q(route="professional"),
    "accepted": Q(status__in=ACCEPTED),
    "declined": Q(status=Status.DECLINED),
    "signposted": Q(status=Status.SIGNPOSTED),
    "undecided": Q(status__in=(Status.NEW, Status.INFO_REQUESTED)),
}


def referrals_by_month(scope, start, end):
    counts = {name: Count("pk", filter=q) for name, q in ROUTE_AND_OUTCOME.items()}
    rows = scope.referrals().filter(_between("received_at", start, end)).order_by()
    return list(
        rows.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(**counts)
        .order_by("month")
    )


def referrals_by_source(scope, start, end):
    from referrals.codes import ReferralSource

    counts = {code: Count("pk", filter=Q(source=code)) for code in ReferralSource.values}
    return scope.referrals().filter(_between("received_at", start, end)).aggregate(**counts)


# --- Activity -------------------------------------------------------------------------

NOT_SEEN = (Attendance.LATE_NOT_SEEN, Attendance.DID_NOT_ATTEND)


def visit_mix(scope, start, end):
    """Visits in the period by kind, place, mechanism and attendance: one query."""
    from sessions.models import Mechanism, Place

    counts = {"total": Count("pk")}
    for prefix, field, values in (
        ("kind", "kind", VisitKind.values),
        ("place", "place", Place.values),
        ("mechanism", "mechanism", Mechanism.values),
        ("attendance", "attendance", Attendance.values),
    ):
        counts.update({f"{prefix}_{v}": Count("pk", filter=Q(**{field: v})) for v in values})
    return scope.visits().filter(_between("starts_at", start, end)).aggregate(**counts)


def attendance_by_month(scope, start, end):
    """Per month: visits seen (CSDS 5, 6), not seen (7, 3: was not brought), cancelled."""
    rows = scope.visits().filter(_between("starts_at", start, end), starts_at__lt=end).order_by()
    return list(
        rows.annotate(month=TruncMonth("starts_at"))
        .values("month")
        .annotate(
            seen=Count("pk", filter=Q(attendance__in=ATTENDED_CODES)),
            not_brought=Count("pk", filter=Q(attendance=Attendance.DID_NOT_ATTEND)),
            late_not_seen=Count("pk", filter=Q(attendance=Attendance.LATE_NOT_SEEN)),
            cancelled=Count("pk", filter=Q(state=VisitState.CANCELLED)),
        )
        .order_by("month")
    )


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

# AVIGuk stage requirements (DOMAIN.md): cycles and clients to complete each stage.
STAGE_REQUIREMENTS = {
    AccreditationStage.INITIAL: (6, 2),
    AccreditationStage.STAGE_1: (6, 2),
    AccreditationStage.STAGE_2: (9, 3),
    AccreditationStage.STAGE_3: (12, 3),
}


def cycles_per_guider(scope):
    """Per practitioner, over all history: cycles completed and the families in them."""
    rows = (
        scope.visits()
        .filter(_cycle_review())
        .values("practitioner")
        .annotate(cycles=Count("pk"), clients=Count("programme", distinct=True))
        .order_by()
    )
    return {row["practitioner"]: row for row in rows}


# --- The landing page -----------------------------------------------------------------


def headlines(scope, start, end, now):
    """The landing page's figures for the period: four queries."""
    referrals = scope.referrals()
    received = referrals.filter(_between("received_at", start, end)).aggregate(
        received=Count("pk"), accepted=Count("pk", filter=Q(status__in=ACCEPTED))
    )
    open_now = scope.programmes().open().aggregate(open=Count("pk"))
    bands, over_target = waiting_summary(referrals.waiting_list(), now)
    visits = (
        scope.visits()
        .filter(_between("starts_at", start, end))
        .aggregate(
            visits=Count("pk"),
            seen=Count("pk", filter=Q(attendance__in=ATTENDED_CODES)),
            not_seen=Count("pk", filter=Q(attendance__in=NOT_SEEN)),
            not_brought=Count("pk", filter=Q(attendance=Attendance.DID_NOT_ATTEND)),
        )
    )
    return {
        **received,
        **open_now,
        **visits,
        "waiting": sum(count for _label, count in bands),
        "over_target": over_target,
    }
