"""Families through the service: waiting, referrals, visits and attendance, and the
landing page's figures."""

from functools import reduce
from operator import or_

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncMonth

from referrals.codes import WAITING_BANDS
from referrals.models import Allocation, Status
from sessions.models import (
    ATTENDED_CODES,
    Attendance,
    EndReason,
    Programme,
    Visit,
    VisitKind,
    VisitState,
)

from ..sql import DaysBetween, Percentile
from .scope import ACCEPTED, ONE_DAY, _between

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
    # Accepted, then the family withdrew: the referral's outcome as CSDS would end it.
    "withdrawn": Q(
        Exists(
            Programme.objects.filter(referral=OuterRef("pk"), end_reason=EndReason.FAMILY_WITHDREW)
        )
    ),
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


# --- The landing page -----------------------------------------------------------------


def headlines(scope, start, end, now):
    """The landing page's figures for the period: four queries."""
    referrals = scope.referrals()
    received = referrals.filter(_between("received_at", start, end)).aggregate(
        received=Count("pk"), accepted=Count("pk", filter=Q(status__in=ACCEPTED))
    )
    # count(*), not count(id): PostgreSQL can answer it from programme_team_open alone
    # (an index-only scan), where counting ids made it prefer reading the heap.
    open_now = scope.programmes().open().aggregate(open=Count("*"))
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
