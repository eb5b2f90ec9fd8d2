"""The follow-up rules (``FollowUpSettings``), run by the actions that record
visits, end programmes and put referrals on the waiting list.

- filming attended → "micro-analyse the film" task, and a *proposed* shared
  review about a week later at the same weekday and time if the guider's diary
  is free, else the nearest free slot in working hours;
- shared review held → a proposed next filming, or the ending conversation
  when the planned visits are used up;
- was not brought → a "contact the family" task; N in the window → a
  safeguarding-review flag for the team lead (audited);
- programme ended → a check-in task months later (due work);
- waiting past the service's target → the team leads alerted once (due work).

Nothing here messages the family: proposals are confirmed by the guider first.
"""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from accounts import audit
from sessions.models import ATTENDED_CODES, Attendance, Visit, VisitKind, VisitState

from .models import FollowUpSettings, TaskKind, WorkKind
from .schedule import add_task, add_work

FLAG_TITLE = "Was not brought twice: safeguarding review"
SLOT_STEP = timedelta(minutes=30)
SEARCH_DAYS = 14


def working_days_after(day, count):
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _is_free(practitioner, starts_at, minutes):
    ends_at = starts_at + timedelta(minutes=minutes)
    return not Visit.objects.overlapping(
        practitioner=practitioner, starts_at=starts_at, ends_at=ends_at
    ).exists()


def free_slot(practitioner, wanted, minutes, rules):
    """``wanted`` if free, else the nearest free slot in working hours on working days."""
    if _is_free(practitioner, wanted, minutes):
        return wanted
    local = timezone.localtime(wanted)
    candidates = []
    for offset in range(-3, SEARCH_DAYS):
        day = local.date() + timedelta(days=offset)
        if day.weekday() >= 5 or day < timezone.localdate() + timedelta(days=1):
            continue
        start = timezone.make_aware(datetime.combine(day, rules.working_day_starts))
        last = timezone.make_aware(datetime.combine(day, rules.working_day_ends))
        slot = start
        while slot + timedelta(minutes=minutes) <= last:
            candidates.append(slot)
            slot += SLOT_STEP
    for slot in sorted(candidates, key=lambda s: abs(s - wanted)):
        if _is_free(practitioner, slot, minutes):
            return slot
    return None


def _propose(visit, kind, after_days, by, rules):
    from sessions.actions.visits import book_visit

    wanted = visit.starts_at + timedelta(days=after_days)
    if wanted <= timezone.now():
        return None  # recorded long after: the guider has planned on since
    slot = free_slot(visit.practitioner, wanted, visit.duration_minutes, rules)
    if slot is None:
        return None
    mechanism = visit.mechanism if kind != VisitKind.ENDING else visit.mechanism
    if kind in (VisitKind.FILMING, VisitKind.SHARED_REVIEW) and mechanism == "02":
        mechanism = "01"
    return book_visit(
        programme=visit.programme,
        kind=kind,
        starts_at=slot,
        place=visit.place,
        place_detail=visit.place_detail,
        mechanism=mechanism,
        duration_minutes=visit.duration_minutes,
        state=VisitState.PROPOSED,
        by=by,
    )


def outcome_recorded(visit, *, by, request=None):
    programme = visit.programme
    referral = programme.referral
    rules = FollowUpSettings.for_service(referral.service)
    common = {
        "service": referral.service,
        "team": referral.team,
        "programme": programme,
        "referral": referral,
        "visit": visit,
    }
    today = timezone.localdate()
    if visit.attendance in ATTENDED_CODES and visit.kind == VisitKind.FILMING:
        add_task(
            key=f"micro:{visit.public_id}",
            kind=TaskKind.MICRO_ANALYSE,
            assignee=visit.practitioner,
            title="Micro-analyse the film",
            due_on=working_days_after(
                timezone.localdate(visit.starts_at), rules.micro_analysis_working_days
            ),
            **common,
        )
        _propose(visit, VisitKind.SHARED_REVIEW, rules.shared_review_after_days, by, rules)
    elif visit.attendance in ATTENDED_CODES and visit.kind == VisitKind.SHARED_REVIEW:
        used = programme.visits.filter(attendance__in=ATTENDED_CODES).count()
        kind = VisitKind.ENDING if used >= programme.planned_visits else VisitKind.FILMING
        _propose(visit, kind, rules.next_filming_after_days, by, rules)
    elif visit.attendance == Attendance.DID_NOT_ATTEND:
        add_task(
            key=f"missed:{visit.public_id}",
            kind=TaskKind.CONTACT_AFTER_MISSED,
            assignee=visit.practitioner,
            title="Contact the family after a missed visit, and note any risk",
            due_on=working_days_after(today, rules.not_brought_contact_working_days),
            **common,
        )
        _maybe_flag(visit, rules, common, by, request)


def _maybe_flag(visit, rules, common, by, request):
    programme = visit.programme
    since = visit.starts_at - timedelta(days=rules.not_brought_window_days)
    recent = list(
        programme.visits.filter(state=VisitState.HAPPENED, starts_at__gte=since)
        .order_by("-starts_at")
        .values_list("attendance", flat=True)[: rules.not_brought_flag_count]
    )
    in_a_row = len(recent) >= 2 and all(a == Attendance.DID_NOT_ATTEND for a in recent[:2])
    missed = sum(a == Attendance.DID_NOT_ATTEND for a in recent)
    if not (in_a_row or missed >= rules.not_brought_flag_count):
        return
    task = add_task(
        key=f"flag:{visit.public_id}",
        kind=TaskKind.SAFEGUARDING_REVIEW,
        assignee=None,
        is_flag=True,
        title=FLAG_TITLE,
        due_on=timezone.localdate(),
        **common,
    )
    audit.record(
        "programme.not_brought_flagged",
        actor=by,
        target=programme,
        family_reference=programme.reference,
        team_id=programme.referral.team_id,
        request=request,
        details={"visit": visit.pk, "task": str(task.public_id)},
    )


def programme_ended(programme):
    rules = FollowUpSettings.for_service(programme.referral.service)
    if not rules.check_in_after_months or programme.ended_on is None:
        return
    day = programme.ended_on + relativedelta(months=rules.check_in_after_months)
    add_work(
        key=f"checkin:{programme.pk}:{programme.ended_on.isoformat()}",
        kind=WorkKind.CHECK_IN,
        service=programme.referral.service,
        due_at=timezone.make_aware(datetime.combine(day, rules.working_day_starts)),
        programme=programme,
        referral=programme.referral,
    )


def referral_waiting(referral):
    weeks = referral.service.waiting_target_weeks
    if not weeks:
        return
    add_work(
        key=f"waiting:{referral.pk}",
        kind=WorkKind.WAITING_ALERT,
        service=referral.service,
        due_at=referral.received_at + timedelta(weeks=weeks),
        referral=referral,
    )


# --- Due-work handlers ---------------------------------------------------------------


def check_in(work):
    programme = work.programme
    add_task(
        key=f"checkin:{work.key}",
        kind=TaskKind.CHECK_IN,
        service=work.service,
        team=programme.referral.team,
        assignee=programme.guider if programme.guider.is_active else None,
        programme=programme,
        referral=programme.referral,
        title="Check in with the family, months after their programme ended",
        due_on=timezone.localdate(),
    )


def waiting_alert(work):
    from referrals.models import Status

    from .staff_mail import tell_team_leads

    referral = work.referral
    if referral.status not in (Status.NEW, Status.INFO_REQUESTED, Status.WAITING):
        return  # allocated, declined or signposted in time
    add_task(
        key=f"waiting:{referral.pk}",
        kind=TaskKind.WAITING_BREACH,
        service=work.service,
        team=referral.team,
        assignee=None,
        is_flag=True,
        referral=referral,
        title=f"Waiting past the target: {referral.reference}",
        due_on=timezone.localdate(),
    )
    tell_team_leads(
        work,
        referral,
        subject=f"Referral {referral.reference} is waiting past the target",
        body=f"Referral {referral.reference} has waited longer than the service's target "
        f"of {referral.service.waiting_target_weeks} weeks. It is on your staff home page.",
    )
