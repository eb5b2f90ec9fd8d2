"""Opening a programme, reading it, its state and length, and ending it."""

from django.db import transaction
from django.utils import timezone

from ..models import (
    ATTENDED_CODES,
    MAX_PLANNED_VISITS,
    EndReason,
    PlannedVisitsChange,
    Programme,
    ProgrammeState,
    RatingWhen,
    StateChange,
    Visit,
)
from .base import AuditAction, ProgrammeError, audit_change, lock_open
from .goals import save_ratings


def open_programme(*, referral, guider, by, request=None):
    """Called when a referral is allocated: open the family's programme, or hand it on."""
    programme = Programme.objects.select_for_update().filter(referral=referral).first()
    supervisor = guider.supervisor if guider.is_trainee else None
    if programme is None:
        programme = Programme.objects.create(
            referral=referral,
            team_id=referral.team_id,
            guider=guider,
            supervisor=supervisor,
            planned_visits=referral.service.default_programme_visits,
        )
        StateChange.objects.create(
            programme=programme, state=programme.state, changed_by=by, note="Programme opened"
        )
        audit_change(AuditAction.OPENED, programme, by, request, guider=guider.email)
        return programme
    # The programme and its visits keep the family's team (reports count a team's by
    # it): if allocation moved the family to another team, they go with it.
    if programme.team_id != referral.team_id:
        programme.team_id = referral.team_id
        programme.save(update_fields=["team"])
        Visit.objects.filter(programme=programme).update(team_id=referral.team_id)
    if programme.guider_id != guider.pk:
        old = programme.guider.email
        programme.guider, programme.supervisor = guider, supervisor
        programme.save(update_fields=["guider", "supervisor"])
        audit_change(
            AuditAction.STATE_CHANGED,
            programme,
            by,
            request,
            guider={"from": old, "to": guider.email},
        )
    return programme


def record_view(*, programme, by, request=None):
    """Reading a family's case is audited, every time."""
    audit_change(AuditAction.VIEWED, programme, by, request)


STATE_MOVES = {
    ProgrammeState.PRE_VIG: {ProgrammeState.ACTIVE, ProgrammeState.PAUSED},
    ProgrammeState.ACTIVE: {ProgrammeState.PAUSED},
    ProgrammeState.PAUSED: {ProgrammeState.ACTIVE, ProgrammeState.PRE_VIG},
}


OUTSIDE_PLANNED_RANGE = f"Planned visits must be between 1 and {MAX_PLANNED_VISITS}"


def state_moves(programme):
    """The states ``change_state`` can move the programme to from where it is now."""
    return STATE_MOVES.get(programme.state, set())


@transaction.atomic
def change_state(*, programme, state, note="", by, request=None):
    """Start the VIG cycles, pause, or resume. Ending has its own action."""
    programme = lock_open(programme)
    if state == programme.state:
        return programme
    if state not in state_moves(programme):
        raise ProgrammeError(
            f"A programme that is {programme.get_state_display().lower()} can't become "
            f"{ProgrammeState(state).label.lower()}."
        )
    old = programme.state
    programme.state = state
    programme.save(update_fields=["state"])
    StateChange.objects.create(programme=programme, state=state, note=note, changed_by=by)
    audit_change(
        AuditAction.STATE_CHANGED, programme, by, request, state={"from": old, "to": state}
    )
    return programme


@transaction.atomic
def change_planned_visits(
    *, programme, new_number: int, reason: str, agreed_with_family: bool, by, request=None
):
    """Reduce or extend the programme, after talking it through with the family."""
    programme = lock_open(programme)
    if not agreed_with_family:
        raise ProgrammeError("Agree the change with the family before recording it.")
    if not reason.strip():
        raise ProgrammeError("Say why the number of visits is changing.")
    if not 1 <= new_number <= MAX_PLANNED_VISITS:
        raise ProgrammeError(OUTSIDE_PLANNED_RANGE)
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
    audit_change(
        AuditAction.VISITS_REPLANNED,
        programme,
        by,
        request,
        planned={"from": old, "to": new_number},
    )
    return programme


def visit_in_words(visit):
    """How a page names a visit: "filming visit on 4 October 2026"."""
    day = timezone.localtime(visit.starts_at)
    return f"{visit.get_kind_display().lower()} visit on {day:%-d %B %Y}"


def why_not_end_programme(programme):
    """Each visit that took place needs its summary written, or skipped on the record
    (``skip_summary``), first: the closing letter is then missing nothing unknown."""
    from ..queries import visits_needing_summary

    missing = list(visits_needing_summary().filter(programme=programme).order_by("starts_at"))
    if not missing:
        return None
    visits = [visit_in_words(visit) for visit in missing]
    listed = visits[0] if len(visits) == 1 else f"{', '.join(visits[:-1])} and {visits[-1]}"
    return ProgrammeError(
        f"Write the summary of the {listed}, or record why there is none, before ending "
        "the programme.",
        explanation="Each visit that took place needs its summary written, or a record of "
        "why there is none, before the programme ends. Then the closing letter isn't "
        "missing a summary without anyone knowing.",
    )


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
    programme = lock_open(programme)
    if refusal := why_not_end_programme(programme):
        raise refusal
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
        save_ratings(programme, scores, RatingWhen.ENDING, None, by, ended_on)
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
    audit_change(
        AuditAction.ENDED, programme, by, request, reason=reason, ended_on=ended_on.isoformat()
    )
    from scheduling import followups

    followups.programme_ended(programme)
    return programme
