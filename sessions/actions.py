"""Every write to a programme: checked, done and audited in one transaction."""

from datetime import UTC, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import audit

from .models import (
    ATTENDED_CODES,
    CANCELLED_CODES,
    MAX_ACTIVE_GOALS,
    Attendance,
    DeliveryMethod,
    EndReason,
    Goal,
    GoalRating,
    GoalStatus,
    PlannedVisitsChange,
    Programme,
    ProgrammeState,
    RatingWhen,
    SessionSummary,
    SharedReview,
    StateChange,
    SummaryDelivery,
    Visit,
    VisitKind,
    VisitState,
)


class ProgrammeError(ValueError):
    """The change would break a rule; the message says which, in plain words."""


class AuditAction:
    OPENED = "programme.opened"
    VIEWED = "programme.viewed"
    STATE_CHANGED = "programme.state_changed"
    VISITS_REPLANNED = "programme.planned_visits_changed"
    GOAL_ADDED = "programme.goal_added"
    GOAL_REVISED = "programme.goal_revised"
    GOAL_ACHIEVED = "programme.goal_achieved"
    GOALS_RATED = "programme.goals_rated"
    VISIT_BOOKED = "visit.booked"
    VISIT_CHANGED = "visit.changed"
    VISIT_CANCELLED = "visit.cancelled"
    VISIT_OUTCOME = "visit.outcome_recorded"
    REVIEW_RECORDED = "visit.shared_review_recorded"
    SUMMARY_WRITTEN = "visit.summary_written"
    SUMMARY_SENT = "visit.summary_sent"
    ENDED = "programme.ended"
    CLOSING_LETTER_SENT = "programme.closing_letter_sent"


def _audit(action, programme, by, request=None, **details):
    audit.record(
        action,
        actor=by,
        target=programme,
        family_reference=programme.reference,
        team_id=programme.referral.team_id,
        request=request,
        details=details,
    )


def _lock(programme):
    locked = Programme.objects.select_for_update().select_related("referral").get(pk=programme.pk)
    if locked.is_closed:
        raise ProgrammeError("This programme has ended. Nothing more can be added to it.")
    return locked


# --- Opening, states, length ---------------------------------------------------------


def open_programme(*, referral, guider, by, request=None):
    """Called when a referral is allocated: open the family's programme, or hand it on."""
    programme = Programme.objects.select_for_update().filter(referral=referral).first()
    supervisor = guider.supervisor if guider.is_trainee else None
    if programme is None:
        programme = Programme.objects.create(
            referral=referral,
            guider=guider,
            supervisor=supervisor,
            planned_visits=referral.service.default_programme_visits,
        )
        StateChange.objects.create(
            programme=programme, state=programme.state, changed_by=by, note="Programme opened"
        )
        _audit(AuditAction.OPENED, programme, by, request, guider=guider.email)
    elif programme.guider_id != guider.pk:
        old = programme.guider.email
        programme.guider, programme.supervisor = guider, supervisor
        programme.save(update_fields=["guider", "supervisor"])
        _audit(
            AuditAction.STATE_CHANGED,
            programme,
            by,
            request,
            guider={"from": old, "to": guider.email},
        )
    return programme


def record_view(*, programme, by, request=None):
    """Reading a family's case is audited, every time."""
    _audit(AuditAction.VIEWED, programme, by, request)


STATE_MOVES = {
    ProgrammeState.PRE_VIG: {ProgrammeState.ACTIVE, ProgrammeState.PAUSED},
    ProgrammeState.ACTIVE: {ProgrammeState.PAUSED},
    ProgrammeState.PAUSED: {ProgrammeState.ACTIVE, ProgrammeState.PRE_VIG},
}


@transaction.atomic
def change_state(*, programme, state, note="", by, request=None):
    """Start the VIG cycles, pause, or resume. Ending has its own action."""
    programme = _lock(programme)
    if state == programme.state:
        return programme
    if state not in STATE_MOVES.get(programme.state, set()):
        raise ProgrammeError(
            f"A programme that is {programme.get_state_display().lower()} can't become "
            f"{ProgrammeState(state).label.lower()}."
        )
    old = programme.state
    programme.state = state
    programme.save(update_fields=["state"])
    StateChange.objects.create(programme=programme, state=state, note=note, changed_by=by)
    _audit(AuditAction.STATE_CHANGED, programme, by, request, state={"from": old, "to": state})
    return programme


@transaction.atomic
def change_planned_visits(
    *, programme, new_number: int, reason: str, agreed_with_family: bool, by, request=None
):
    """Reduce or extend the programme, after talking it through with the family."""
    programme = _lock(programme)
    if not agreed_with_family:
        raise ProgrammeError("Agree the change with the family before recording it.")
    if not reason.strip():
        raise ProgrammeError("Say why the number of visits is changing.")
    if not 1 <= new_number <= 40:
        raise ProgrammeError("Planned visits must be between 1 and 40.")
    used = programme.visits.filter(attendance__in=ATTENDED_CODES).count()
    if new_number < used:
        raise ProgrammeError(f"{used} visits have already happened; plan at least {used}.")
    if new_number == programme.planned_visits:
        return programme
    PlannedVisitsChange.objects.create(
        programme=programme,
        old_number=programme.planned_visits,
        new_number=new_number,
        reason=reason.strip(),
        agreed_with_family=True,
        changed_by=by,
    )
    old = programme.planned_visits
    programme.planned_visits = new_number
    programme.save(update_fields=["planned_visits"])
    _audit(
        AuditAction.VISITS_REPLANNED,
        programme,
        by,
        request,
        planned={"from": old, "to": new_number},
    )
    return programme


# --- Goals and ratings -----------------------------------------------------------------


@transaction.atomic
def add_goal(*, programme, text: str, helping_question: str, by, request=None):
    programme = _lock(programme)
    if programme.goals.filter(status=GoalStatus.ACTIVE).count() >= MAX_ACTIVE_GOALS:
        raise ProgrammeError(
            f"A family works on up to {MAX_ACTIVE_GOALS} goals at a time. Mark one achieved "
            "or revise it instead."
        )
    goal = Goal.objects.create(
        programme=programme,
        text=text.strip(),
        helping_question=helping_question.strip(),
        created_by=by,
    )
    _audit(AuditAction.GOAL_ADDED, programme, by, request, goal=goal.pk)
    return goal


@transaction.atomic
def revise_goal(*, goal, text: str, helping_question: str, by, request=None):
    """New wording for a goal; the old wording stays in the history."""
    programme = _lock(goal.programme)
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.status != GoalStatus.ACTIVE:
        raise ProgrammeError("Only a goal the family is working on can be revised.")
    if text.strip() == goal.text and helping_question.strip() == goal.helping_question:
        return goal
    now = timezone.now()
    new = Goal.objects.create(
        programme=programme,
        text=text.strip(),
        helping_question=helping_question.strip(),
        created_by=by,
        created_at=now,
    )
    goal.status, goal.revised_to, goal.status_changed_at = GoalStatus.REVISED, new, now
    goal.save(update_fields=["status", "revised_to", "status_changed_at"])
    _audit(AuditAction.GOAL_REVISED, programme, by, request, goal={"from": goal.pk, "to": new.pk})
    return new


@transaction.atomic
def mark_goal_achieved(*, goal, by, request=None):
    programme = _lock(goal.programme)
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.status == GoalStatus.ACHIEVED:
        return goal
    if goal.status != GoalStatus.ACTIVE:
        raise ProgrammeError("This goal was revised; mark the new wording achieved instead.")
    goal.status, goal.status_changed_at = GoalStatus.ACHIEVED, timezone.now()
    goal.save(update_fields=["status", "status_changed_at"])
    _audit(AuditAction.GOAL_ACHIEVED, programme, by, request, goal=goal.pk)
    return goal


def _save_ratings(programme, scores: dict, when, visit, by, rated_on):
    goals = {g.pk: g for g in programme.goals.filter(status=GoalStatus.ACTIVE)}
    if when == RatingWhen.ENDING:
        goals |= {g.pk: g for g in programme.goals.filter(status=GoalStatus.ACHIEVED)}
    unknown = set(scores) - set(goals)
    if unknown:
        raise ProgrammeError("Those goals are not this family's current goals.")
    for score in scores.values():
        if score is None or not 0 <= int(score) <= 10:
            raise ProgrammeError("Each rating is a whole number from 0 to 10.")
    ratings = GoalRating.objects.bulk_create(
        GoalRating(
            goal=goals[pk],
            score=int(score),
            when=when,
            visit=visit,
            rated_on=rated_on or timezone.localdate(),
            recorded_by=by,
        )
        for pk, score in scores.items()
    )
    return ratings


@transaction.atomic
def rate_goals(*, programme, scores: dict, when, by, visit=None, rated_on=None, request=None):
    """Goal Based Outcomes: ``scores`` maps goal id → 0..10."""
    programme = _lock(programme)
    if not scores:
        raise ProgrammeError("Rate at least one goal.")
    ratings = _save_ratings(programme, scores, when, visit, by, rated_on)
    _audit(
        AuditAction.GOALS_RATED,
        programme,
        by,
        request,
        when=when,
        scores={str(k): int(v) for k, v in scores.items()},
    )
    return ratings


# --- Visits ----------------------------------------------------------------------------


def _check_slot(programme, practitioner, starts_at, duration, exclude=None):
    if not 15 <= duration <= 240:
        raise ProgrammeError("A visit lasts between 15 minutes and 4 hours.")
    # In UTC: local wall-clock arithmetic would be an hour out across a clock change.
    ends_at = starts_at.astimezone(UTC) + timedelta(minutes=duration)
    clashes = Visit.objects.overlapping(
        practitioner=practitioner, starts_at=starts_at, ends_at=ends_at
    )
    if exclude is not None:
        clashes = clashes.exclude(pk=exclude.pk)
    clash = clashes.select_related("programme__referral").first()
    if clash:
        local = timezone.localtime(clash.starts_at)
        raise ProgrammeError(
            f"{practitioner.full_name} already has a visit from {local:%H:%M} to "
            f"{timezone.localtime(clash.ends_at):%H:%M} on {local:%-d %B %Y}. Choose another time."
        )


def _filming_blocked_by_withdrawal(programme):
    from consent.models import Kind, Scope
    from consent.queries import current_records

    return any(
        r.get(Scope.FILMING) is not None and r[Scope.FILMING].kind == Kind.WITHDRAWN
        for r in current_records(programme).values()
    )


@transaction.atomic
def book_visit(
    *,
    programme,
    kind,
    starts_at,
    place,
    by,
    duration_minutes=Visit.DEFAULT_DURATION,
    place_detail="",
    mechanism="01",
    state=VisitState.BOOKED,
    notes="",
    request=None,
):
    """Book (or propose) a visit with the guider, refusing double bookings."""
    programme = _lock(programme)
    if state not in (VisitState.BOOKED, VisitState.PROPOSED):
        raise ProgrammeError("A new visit is proposed or booked.")
    if kind == VisitKind.FILMING and _filming_blocked_by_withdrawal(programme):
        raise ProgrammeError(
            "Consent to filming has been withdrawn, so no filming visit can be booked. "
            "Book another kind of visit instead."
        )
    practitioner = programme.guider
    _check_slot(programme, practitioner, starts_at, duration_minutes)
    visit = Visit(
        programme=programme,
        practitioner=practitioner,
        kind=kind,
        state=state,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=place,
        place_detail=place_detail.strip(),
        mechanism=mechanism,
        notes=notes.strip(),
        created_by=by,
    )
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError as error:
        # PostgreSQL's exclusion constraint: another request booked this slot just now.
        raise ProgrammeError(
            f"{practitioner.full_name} was booked at that time a moment ago. Choose another time."
        ) from error
    _audit(
        AuditAction.VISIT_BOOKED,
        programme,
        by,
        request,
        visit=visit.pk,
        kind=kind,
        starts_at=starts_at.isoformat(),
        place=place,
    )
    return visit


@transaction.atomic
def change_visit(
    *,
    visit,
    starts_at,
    duration_minutes,
    place,
    place_detail="",
    mechanism="01",
    state=None,
    by,
    request=None,
):
    """Move a visit, change where it happens, or confirm a proposed one."""
    programme = _lock(visit.programme)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.state in (VisitState.CANCELLED, VisitState.HAPPENED):
        raise ProgrammeError("This visit is over or cancelled and can't be changed.")
    _check_slot(programme, visit.practitioner, starts_at, duration_minutes, exclude=visit)
    visit.starts_at, visit.duration_minutes = starts_at, duration_minutes
    visit.place, visit.place_detail, visit.mechanism = place, place_detail.strip(), mechanism
    if state in (VisitState.BOOKED, VisitState.PROPOSED):
        visit.state = state
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError as error:
        raise ProgrammeError("That time was booked a moment ago. Choose another time.") from error
    _audit(
        AuditAction.VISIT_CHANGED,
        programme,
        by,
        request,
        visit=visit.pk,
        starts_at=starts_at.isoformat(),
        place=place,
    )
    return visit


@transaction.atomic
def cancel_visit(*, visit, cancelled_by_family: bool, reason="", by, request=None):
    programme = _lock(visit.programme)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.state == VisitState.CANCELLED:
        return visit
    if visit.state == VisitState.HAPPENED:
        raise ProgrammeError("This visit has happened; record its outcome instead.")
    visit.state = VisitState.CANCELLED
    visit.attendance = (
        Attendance.CANCELLED_BY_FAMILY if cancelled_by_family else Attendance.CANCELLED_BY_SERVICE
    )
    visit.cancelled_on = timezone.localdate()
    if reason.strip():
        visit.notes = (visit.notes + "\n\nCancelled: " + reason.strip()).strip()
    visit.save()
    _audit(
        AuditAction.VISIT_CANCELLED,
        programme,
        by,
        request,
        visit=visit.pk,
        by_family=cancelled_by_family,
    )
    return visit


@transaction.atomic
def record_outcome(*, visit, attendance, notes="", by, request=None):
    """What happened at a visit (CSDS attendance). Filming needs consent in force."""
    from consent.queries import filming_allowed

    programme = _lock(visit.programme)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if attendance in CANCELLED_CODES or attendance == Attendance.NOT_YET:
        raise ProgrammeError("To cancel a visit, use Cancel visit.")
    if attendance not in Attendance.values:
        raise ProgrammeError("Choose what happened.")
    if visit.state == VisitState.CANCELLED:
        raise ProgrammeError("This visit was cancelled.")
    if visit.starts_at > timezone.now():
        raise ProgrammeError("This visit hasn't happened yet.")
    if (
        visit.kind == VisitKind.FILMING
        and attendance in ATTENDED_CODES
        and not filming_allowed(programme)
    ):
        raise ProgrammeError(
            "There is no consent to filming in force, so this can't be recorded as a filming "
            "visit. Record consent first, or change the visit to another kind."
        )
    visit.attendance, visit.state = attendance, VisitState.HAPPENED
    visit.outcome_recorded_at = timezone.now()
    if notes.strip():
        visit.notes = notes.strip()
    visit.save()
    if (
        visit.kind == VisitKind.FILMING
        and attendance in ATTENDED_CODES
        and programme.state == ProgrammeState.PRE_VIG
    ):
        programme.state = ProgrammeState.ACTIVE
        programme.save(update_fields=["state"])
        StateChange.objects.create(
            programme=programme, state=programme.state, changed_by=by, note="First filming visit"
        )
    _audit(AuditAction.VISIT_OUTCOME, programme, by, request, visit=visit.pk, attendance=attendance)
    return visit


def _require_happened(visit):
    if not visit.took_place:
        raise ProgrammeError("Record that the visit took place first.")


@transaction.atomic
def record_shared_review(
    *,
    visit,
    parent_noticed: str,
    strengths: str,
    new_ideas: str = "",
    filming_visit=None,
    scores: dict | None = None,
    by,
    request=None,
):
    """The shared review, and the helping-question ratings the parent gave."""
    programme = _lock(visit.programme)
    if visit.kind != VisitKind.SHARED_REVIEW:
        raise ProgrammeError("A shared review is recorded on a shared-review visit.")
    _require_happened(visit)
    if filming_visit is not None and (
        filming_visit.programme_id != programme.pk or filming_visit.kind != VisitKind.FILMING
    ):
        raise ProgrammeError("Choose a filming visit from this programme.")
    review, _ = SharedReview.objects.update_or_create(
        visit=visit,
        defaults={
            "parent_noticed": parent_noticed.strip(),
            "strengths": strengths.strip(),
            "new_ideas": new_ideas.strip(),
            "filming_visit": filming_visit,
            "recorded_by": by,
        },
    )
    if scores:
        GoalRating.objects.filter(visit=visit, when=RatingWhen.REVIEW).delete()
        _save_ratings(
            programme, scores, RatingWhen.REVIEW, visit, by, timezone.localdate(visit.starts_at)
        )
    _audit(AuditAction.REVIEW_RECORDED, programme, by, request, visit=visit.pk)
    return review


@transaction.atomic
def write_summary(
    *, visit, strengths: str, points_to_work_on: str, next_steps: str, by, request=None
):
    programme = _lock(visit.programme)
    _require_happened(visit)
    summary, _ = SessionSummary.objects.update_or_create(
        visit=visit,
        defaults={
            "strengths": strengths.strip(),
            "points_to_work_on": points_to_work_on.strip(),
            "next_steps": next_steps.strip(),
            "written_by": by,
            "written_at": timezone.now(),
        },
    )
    _audit(AuditAction.SUMMARY_WRITTEN, programme, by, request, visit=visit.pk)
    return summary


@transaction.atomic
def send_summary(*, summary, method, by, request=None):
    """Email the summary to the parent, or record that a printed letter was given."""
    programme = _lock(summary.visit.programme)
    caregiver = programme.referral.caregivers.first()
    sent_to = ""
    if method == DeliveryMethod.EMAIL:
        if not caregiver or not caregiver.email:
            raise ProgrammeError("The family has no email address. Print a letter instead.")
        sent_to = caregiver.email
    elif method != DeliveryMethod.LETTER:
        raise ProgrammeError("Choose email or letter.")
    delivery = SummaryDelivery.objects.create(
        programme=programme, summary=summary, method=method, sent_to=sent_to, sent_by=by
    )
    if method == DeliveryMethod.EMAIL:
        from .tasks import email_summary

        email_summary.delay_on_commit(delivery.pk)
    _audit(AuditAction.SUMMARY_SENT, programme, by, request, visit=summary.visit_id, method=method)
    return delivery


# --- Ending ----------------------------------------------------------------------------


@transaction.atomic
def end_programme(
    *,
    programme,
    reason,
    ended_on,
    ending_summary: str,
    by,
    reason_detail: str = "",
    scores: dict | None = None,
    request=None,
):
    """Close the programme: end ratings, summary, discharge date."""
    programme = _lock(programme)
    if reason not in EndReason.values:
        raise ProgrammeError("Choose why the programme is ending.")
    if reason == EndReason.OTHER and not reason_detail.strip():
        raise ProgrammeError("Say why the programme is ending.")
    if not ending_summary.strip():
        raise ProgrammeError("Write an ending summary.")
    if ended_on > timezone.localdate():
        raise ProgrammeError("The end date can't be in the future.")
    if ended_on < timezone.localdate(programme.opened_at):
        raise ProgrammeError("The end date can't be before the programme opened.")
    if scores:
        _save_ratings(programme, scores, RatingWhen.ENDING, None, by, ended_on)
    state = (
        ProgrammeState.COMPLETED if reason == EndReason.COMPLETED else ProgrammeState.ENDED_EARLY
    )
    programme.state, programme.end_reason, programme.ended_on = state, reason, ended_on
    programme.end_reason_detail, programme.ending_summary = (
        reason_detail.strip(),
        ending_summary.strip(),
    )
    programme.save()
    StateChange.objects.create(
        programme=programme, state=state, changed_by=by, note=programme.get_end_reason_display()
    )
    referral = programme.referral
    referral.discharge_date = ended_on
    referral.save(update_fields=["discharge_date"])
    _audit(AuditAction.ENDED, programme, by, request, reason=reason, ended_on=ended_on.isoformat())
    return programme


@transaction.atomic
def record_closing_letter(*, programme, method, by, request=None):
    """A closing letter was sent (email) or printed (letter)."""
    programme = (
        Programme.objects.select_for_update().select_related("referral").get(pk=programme.pk)
    )
    if not programme.is_closed:
        raise ProgrammeError("End the programme before sending the closing letter.")
    caregiver = programme.referral.caregivers.first()
    sent_to = caregiver.email if method == DeliveryMethod.EMAIL and caregiver else ""
    if method == DeliveryMethod.EMAIL and not sent_to:
        raise ProgrammeError("The family has no email address. Print the letter instead.")
    delivery = SummaryDelivery.objects.create(
        programme=programme, method=method, sent_to=sent_to, sent_by=by
    )
    if method == DeliveryMethod.EMAIL:
        from .tasks import email_closing_letter

        email_closing_letter.delay_on_commit(delivery.pk)
    _audit(AuditAction.CLOSING_LETTER_SENT, programme, by, request, method=method)
    return delivery
