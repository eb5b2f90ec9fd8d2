"""Booking, changing and cancelling visits, and recording what happened.

Each action's rules about the visit as it stands are its ``why_not_…``
function, which the pages ask too.
"""

from datetime import UTC, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from scheduling import followups, planning

from ..models import (
    ATTENDED_CODES,
    CANCELLED_CODES,
    Attendance,
    Mechanism,
    ProgrammeState,
    StateChange,
    Visit,
    VisitKind,
    VisitState,
)
from .base import AuditAction, ProgrammeError, audit_change, lock_open

# Watching a film together, or making one, needs a picture.
NEEDS_PICTURE = {VisitKind.FILMING: "A filming visit", VisitKind.SHARED_REVIEW: "A shared review"}


def when(visit):
    """The visit's day and time as the pages say it: "2 March 2026 at 10:00"."""
    local = timezone.localtime(visit.starts_at)
    return f"{local:%-d %B %Y} at {local:%H:%M}"


def why_not_meet_by(kind, mechanism):
    """A visit of ``kind`` held by ``mechanism`` (face to face, video, telephone)."""
    if kind in NEEDS_PICTURE and mechanism == Mechanism.TELEPHONE:
        return ProgrammeError(
            f"{NEEDS_PICTURE[kind]} can't be by telephone. Choose face to face or video call"
        )
    return None


def why_not_book_filming(programme):
    from consent.models import Kind, Scope
    from consent.queries import current_records

    withdrawn = any(
        r.get(Scope.FILMING) is not None and r[Scope.FILMING].kind == Kind.WITHDRAWN
        for r in current_records(programme).values()
    )
    if withdrawn:
        return ProgrammeError(
            "Consent to filming has been withdrawn, so no filming visit can be booked. "
            "Book another kind of visit instead."
        )
    return None


def why_not_change_visit(visit):
    if visit.state in (VisitState.CANCELLED, VisitState.HAPPENED):
        return ProgrammeError(
            "This visit is over or cancelled and can't be changed.",
            explanation="This visit is over or cancelled, so it can't be changed.",
        )
    return None


def why_not_cancel_visit(visit):
    """A visit already cancelled is not cancelled again (``cancel_visit`` returns it)."""
    if visit.state == VisitState.CANCELLED:
        return ProgrammeError("This visit is already cancelled.")
    if visit.state == VisitState.HAPPENED:
        return ProgrammeError(
            "This visit has happened; record its outcome instead.",
            explanation="This visit has happened, so it can't be cancelled.",
        )
    return None


def why_not_record_outcome(visit):
    if visit.state == VisitState.CANCELLED:
        return ProgrammeError(
            "This visit was cancelled.",
            explanation="This visit was cancelled, so there is no outcome to record.",
        )
    if visit.starts_at > timezone.now():
        return ProgrammeError(
            "This visit hasn't happened yet.",
            explanation=f"This visit is on {when(visit)}. "
            "You can record what happened once it has started.",
        )
    return None


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
    programme = lock_open(programme)
    if state not in (VisitState.BOOKED, VisitState.PROPOSED):
        raise ProgrammeError("A new visit is proposed or booked.")
    if refusal := why_not_meet_by(kind, mechanism):
        raise refusal
    if kind == VisitKind.FILMING and (refusal := why_not_book_filming(programme)):
        raise refusal
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
    audit_change(
        AuditAction.VISIT_BOOKED,
        programme,
        by,
        request,
        visit=visit.pk,
        kind=kind,
        starts_at=starts_at.isoformat(),
        place=place,
    )
    # Messages and reminders to the family, once the visit is booked (not proposed).
    planning.visit_booked(visit)
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
    programme = lock_open(visit.programme)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if refusal := why_not_change_visit(visit) or why_not_meet_by(visit.kind, mechanism):
        raise refusal
    _check_slot(programme, visit.practitioner, starts_at, duration_minutes, exclude=visit)
    was_state, was_starts_at = visit.state, visit.starts_at
    visit.starts_at, visit.duration_minutes = starts_at, duration_minutes
    visit.place, visit.place_detail, visit.mechanism = place, place_detail.strip(), mechanism
    if state in (VisitState.BOOKED, VisitState.PROPOSED):
        visit.state = state
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError as error:
        raise ProgrammeError("That time was booked a moment ago. Choose another time.") from error
    audit_change(
        AuditAction.VISIT_CHANGED,
        programme,
        by,
        request,
        visit=visit.pk,
        starts_at=starts_at.isoformat(),
        place=place,
    )
    planning.visit_changed(visit, was_state=was_state, was_starts_at=was_starts_at)
    return visit


@transaction.atomic
def cancel_visit(*, visit, cancelled_by_family: bool, reason="", by, request=None):
    programme = lock_open(visit.programme)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.state == VisitState.CANCELLED:
        return visit
    if refusal := why_not_cancel_visit(visit):
        raise refusal
    was_state = visit.state
    visit.state = VisitState.CANCELLED
    visit.attendance = (
        Attendance.CANCELLED_BY_FAMILY if cancelled_by_family else Attendance.CANCELLED_BY_SERVICE
    )
    visit.cancelled_at = timezone.now()
    visit.cancelled_on = timezone.localdate(visit.cancelled_at)
    if reason.strip():
        visit.notes = (visit.notes + "\n\nCancelled: " + reason.strip()).strip()
    visit.save()
    audit_change(
        AuditAction.VISIT_CANCELLED,
        programme,
        by,
        request,
        visit=visit.pk,
        by_family=cancelled_by_family,
    )
    planning.visit_cancelled(visit, was_state=was_state)
    return visit


@transaction.atomic
def record_outcome(*, visit, attendance, notes="", by, request=None):
    """What happened at a visit (CSDS attendance). Filming needs consent in force."""
    from consent.queries import filming_allowed

    programme = lock_open(visit.programme)
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if attendance in CANCELLED_CODES or attendance == Attendance.NOT_YET:
        raise ProgrammeError("To cancel a visit, use Cancel visit.")
    if attendance not in Attendance.values:
        raise ProgrammeError("Choose what happened.")
    if refusal := why_not_record_outcome(visit):
        raise refusal
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
    audit_change(
        AuditAction.VISIT_OUTCOME, programme, by, request, visit=visit.pk, attendance=attendance
    )
    # Tasks, proposed next visits and flags (scheduling.followups).
    followups.outcome_recorded(visit, by=by, request=request)
    return visit
