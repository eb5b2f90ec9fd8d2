"""A visit: its page, booking, changing, cancelling and what happened.

Views load through ``access.programme_page`` (scoped: 404 outside the person's
programmes), validate with ``sessions.forms``, and write through
``sessions.actions`` with ``pages.attempt``. What a page may offer, and why
not, comes from the action's ``why_not_…``. Every GET of a page about the
family is audited.
"""

from django.utils import timezone

from consent.queries import filming_allowed

from .. import actions
from ..actions.visits import when
from ..forms.visits import BookVisitForm, CancelVisitForm, ChangeVisitForm, OutcomeForm
from ..models import VisitKind, VisitState
from .access import can_work_on, get_visit, programme_page
from .pages import attempt, explain, render_page

FORM_PAGE = ("GET", "POST")


@programme_page()
def visit_detail(request, programme, visit_id):
    visit = get_visit(
        programme,
        visit_id,
        "practitioner",
        "shared_review__filming_visit",
        "shared_review__recorded_by",
        "summary__written_by",
        "summary_skip__skipped_by",
    )
    review = getattr(visit, "shared_review", None)
    summary = getattr(visit, "summary", None)
    skipped = getattr(visit, "summary_skip", None)
    ratings = list(visit.goal_ratings.select_related("goal").order_by("goal__created_at", "pk"))
    deliveries = (
        list(summary.deliveries.select_related("sent_by").order_by("-sent_at", "-pk"))
        if summary
        else []
    )
    open_visit = visit.state in (VisitState.BOOKED, VisitState.PROPOSED)
    filming_warning = (
        visit.kind == VisitKind.FILMING
        and open_visit
        and not programme.is_closed
        and not filming_allowed(programme)
    )
    can_change = can_work_on(request.user, programme)
    return render_page(
        request,
        programme,
        "sessions/visits/detail.html",
        visit=visit,
        review=review,
        summary=summary,
        skipped=skipped,
        ratings=ratings,
        deliveries=deliveries,
        filming_warning=filming_warning,
        can_change=can_change,
        can_reschedule=can_change and not actions.why_not_change_visit(visit),
        can_record_outcome=can_change and not actions.why_not_record_outcome(visit),
        can_review=can_change and not actions.why_not_review(visit),
        can_summarise=can_change and not actions.why_not_write_summary(visit),
        can_send=can_change and not actions.why_not_send_summary(summary),
        visit_ended_at=timezone.localtime(visit.ends_at),
    )


# --- Booking, changing, cancelling -------------------------------------------------------


def _booked(visit):
    done = "Booked" if visit.state == VisitState.BOOKED else "Proposed"
    return f"{done}: {visit.get_kind_display().lower()} visit on {when(visit)}"


@programme_page(methods=FORM_PAGE, changes=True)
def book(request, programme):
    form = BookVisitForm(
        request.POST if request.method == "POST" else None,
        programme=programme,
        initial={"kind": request.GET.get("kind")} if request.GET.get("kind") else None,
    )

    def book_visit(data):
        return actions.book_visit(
            programme=programme,
            kind=data["kind"],
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            place=data["place"],
            place_detail=data["place_detail"],
            mechanism=data["mechanism"],
            state=data["state"],
            notes=data["notes"],
            by=request.user,
            request=request,
        )

    if done := attempt(request, form, book_visit, success=_booked, then=lambda visit: visit):
        return done
    return render_page(
        request,
        programme,
        "sessions/visits/book.html",
        form=form,
        filming_allowed=filming_allowed(programme),
    )


@programme_page(methods=FORM_PAGE, changes=True)
def change(request, programme, visit_id):
    visit = get_visit(programme, visit_id)
    form = ChangeVisitForm(
        request.POST if request.method == "POST" else None,
        programme=programme,
        kind=visit.kind,
        initial=ChangeVisitForm.initial_for(visit),
    )

    def change_visit(data):
        return actions.change_visit(
            visit=visit,
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            place=data["place"],
            place_detail=data["place_detail"],
            mechanism=data["mechanism"],
            state=data["state"],
            by=request.user,
            request=request,
        )

    if done := attempt(
        request,
        form,
        change_visit,
        success=lambda visit: f"Visit changed: it is now on {when(visit)}",
        then=lambda visit: visit,
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/visits/change.html",
        form=form,
        visit=visit,
        blocked="" if request.method == "POST" else explain(actions.why_not_change_visit(visit)),
    )


@programme_page(methods=FORM_PAGE, changes=True)
def cancel(request, programme, visit_id):
    visit = get_visit(programme, visit_id)
    form = CancelVisitForm(request.POST if request.method == "POST" else None)

    def cancel_visit(data):
        return actions.cancel_visit(
            visit=visit,
            cancelled_by_family=data["cancelled_by"] == "family",
            reason=data["reason"],
            by=request.user,
            request=request,
        )

    if done := attempt(
        request, form, cancel_visit, success=f"Visit on {when(visit)} cancelled", then=visit
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/visits/cancel.html",
        form=form,
        visit=visit,
        blocked="" if request.method == "POST" else explain(actions.why_not_cancel_visit(visit)),
    )


# --- What happened ------------------------------------------------------------------------


@programme_page(methods=FORM_PAGE, changes=True)
def outcome(request, programme, visit_id):
    visit = get_visit(programme, visit_id)
    initial = {"notes": visit.notes}
    if visit.state == VisitState.HAPPENED:
        initial["attendance"] = visit.attendance
    form = OutcomeForm(request.POST if request.method == "POST" else None, initial=initial)

    def record_outcome(data):
        return actions.record_outcome(
            visit=visit,
            attendance=data["attendance"],
            notes=data["notes"],
            by=request.user,
            request=request,
        )

    if done := attempt(
        request,
        form,
        record_outcome,
        success=lambda visit: f"Outcome recorded: {visit.attendance_label.lower()}",
        then=lambda visit: visit,
        field="attendance",
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/visits/outcome.html",
        form=form,
        visit=visit,
        blocked="" if request.method == "POST" else explain(actions.why_not_record_outcome(visit)),
    )
