"""A family's case page: who they are, what they agreed to, goals, visits and a timeline.

Every programme page loads its programme through ``programme_for``, which
scopes first (``Programme.objects.visible_to``): a family outside the person's
scope is a 404, whatever the page. Every view of a case is audited
(``sessions.actions.record_view``).
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.permissions import Permission, has_permission
from consent.models import ConsentRecord
from referrals.models import Allocation, StatusChange

from ..actions import AuditAction, record_view
from ..models import (
    Goal,
    GoalRating,
    GoalStatus,
    PlannedVisitsChange,
    Programme,
    ProgrammeState,
    StateChange,
    SummaryDelivery,
    Visit,
    VisitState,
)
from .consent_panel import consent_panel
from .needs_action import (
    cycle_label,
    goals_needing_baseline,
    visits_needing_outcome,
    visits_needing_summary,
    with_needs_action,
)
from .programme_access import may_change
from .progress_chart import gbo_chart
from .timeline import build_timeline

PROGRAMME_RELATED = ("referral__service", "referral__team", "guider", "supervisor")


def programme_for(request, reference, programmes=None):
    """The programme of the family with ``reference``, if this person may see it; else 404."""
    programmes = programmes if programmes is not None else Programme.objects.all()
    programmes = programmes.visible_to(request.user).select_related(*PROGRAMME_RELATED)
    return get_object_or_404(programmes, referral__reference=reference)


def _cancellation_times(programme):
    """``{visit id: when it was cancelled}``, from the audit trail in one query
    (a visit records only the date of its cancellation)."""
    events = AuditEvent.objects.filter(
        family_reference=programme.reference, action=AuditAction.VISIT_CANCELLED
    ).values_list("details", "created_at")
    return {details.get("visit"): created_at for details, created_at in events}


def refuse_unless_get(request):
    """For pages that only show things, called after ``programme_for``: a family out
    of scope is a 404 whatever the method; for one in scope, anything but GET is 405."""
    if request.method in ("GET", "HEAD"):
        return None
    return HttpResponseNotAllowed(["GET", "HEAD"])


def can_work_on(user, programme):
    """Whether this person may change the programme now: the guider or a team lead
    (``may_change``), with the programme still open. A supervisor reads only."""
    return (
        has_permission(user, Permission.WORK_WITH_FAMILIES)
        and may_change(user, programme)
        and not programme.is_closed
    )


def _case_queryset(now):
    is_due = {
        "needs_outcome": Exists(visits_needing_outcome(now).filter(pk=OuterRef("pk"))),
        "needs_summary": Exists(visits_needing_summary().filter(pk=OuterRef("pk"))),
    }
    visits = Visit.objects.select_related(
        "created_by", "shared_review__recorded_by", "summary__written_by"
    ).annotate(**is_due)
    goals = (
        Goal.objects.select_related("created_by")
        .annotate(needs_baseline=Exists(goals_needing_baseline().filter(pk=OuterRef("pk"))))
        .prefetch_related(
            Prefetch("ratings", queryset=GoalRating.objects.select_related("recorded_by"))
        )
    )
    programmes = with_needs_action(Programme.objects.with_progress(now), now)
    return programmes.prefetch_related(
        "referral__caregivers",
        "referral__children",
        Prefetch("referral__status_changes", StatusChange.objects.select_related("changed_by")),
        Prefetch(
            "referral__allocations",
            Allocation.objects.select_related("practitioner", "allocated_by"),
        ),
        Prefetch("state_changes", StateChange.objects.select_related("changed_by")),
        Prefetch(
            "planned_visits_changes", PlannedVisitsChange.objects.select_related("changed_by")
        ),
        Prefetch("goals", goals),
        Prefetch("visits", visits),
        Prefetch("deliveries", SummaryDelivery.objects.select_related("sent_by")),
        Prefetch(
            "consent_records",
            ConsentRecord.objects.select_related("caregiver", "form_version", "recorded_by"),
        ),
    )


def _goals(goals):
    """The goals being worked on or achieved, each with its chart and earlier wordings."""
    by_pk = {goal.pk: goal for goal in goals}
    for goal in goals:
        goal.revised_from_goal = None
        goal.revised_to_goal = by_pk.get(goal.revised_to_id)
    for goal in goals:
        if goal.revised_to_goal is not None:
            goal.revised_to_goal.revised_from_goal = goal
    current = []
    for goal in goals:
        if goal.status == GoalStatus.REVISED:
            continue
        goal.rating_list = list(goal.ratings.all())
        goal.chart = gbo_chart(goal.text, goal.rating_list)
        earlier, before = [], goal.revised_from_goal
        while before is not None:
            earlier.append(before)
            before = before.revised_from_goal
        goal.earlier_wordings = earlier
        current.append(goal)
    # Goals being worked on first, then those achieved.
    return sorted(current, key=lambda g: (g.status != GoalStatus.ACTIVE, g.created_at, g.pk))


def _split_visits(visits, now):
    upcoming = [
        visit
        for visit in visits
        if visit.state in (VisitState.PROPOSED, VisitState.BOOKED) and visit.starts_at >= now
    ]
    upcoming_ids = {visit.pk for visit in upcoming}
    past = [visit for visit in visits if visit.pk not in upcoming_ids]
    return upcoming, sorted(past, key=lambda v: v.starts_at, reverse=True)


def case(request, reference):
    """Everything about the family's programme on one page."""
    user = request.user
    now = timezone.now()
    programme = programme_for(request, reference, _case_queryset(now))
    if refused := refuse_unless_get(request):
        return refused
    record_view(programme=programme, by=user, request=request)

    referral = programme.referral
    caregivers = list(referral.caregivers.all())
    visits = list(programme.visits.all())
    goal_rows = list(programme.goals.all())
    consent_records = list(programme.consent_records.all())
    goals = _goals(goal_rows)
    upcoming, past = _split_visits(visits, now)
    is_open = not programme.is_closed

    context = {
        "programme": programme,
        "referral": referral,
        "caregivers": caregivers,
        "children": list(referral.children.all()),
        "cycle": cycle_label(programme),
        "consent": consent_panel(consent_records, caregivers, visits, now),
        "goals": goals,
        "active_goals": [g for g in goals if g.status == GoalStatus.ACTIVE],
        "upcoming": upcoming,
        "past": past,
        "outcomes_due": [v for v in visits if is_open and v.needs_outcome],
        "summaries_due": [v for v in visits if is_open and v.needs_summary],
        "baselines_due": [g for g in goals if is_open and getattr(g, "needs_baseline", False)],
        "timeline": build_timeline(
            programme,
            goals=goal_rows,
            visits=visits,
            consent_records=consent_records,
            deliveries=list(programme.deliveries.all()),
            cancelled_at=_cancellation_times(programme),
            now=now,
        ),
        "can_work": can_work_on(user, programme),
        "can_pause": programme.state in (ProgrammeState.PRE_VIG, ProgrammeState.ACTIVE),
        "now": now,
    }
    return render(request, "sessions/case/case.html", context)
