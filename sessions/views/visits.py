"""A visit and what follows it: booking, changing, cancelling, the outcome,
the shared review, the session summary and sending it to the family.

Views load through ``programme_access`` (scoped: 404 outside the person's
programmes), validate with ``sessions.forms``, and write through
``sessions.actions``; a ``ProgrammeError`` becomes a form error. Every GET of
a page about the family is audited with ``record_view``.
"""

from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from consent.queries import filming_allowed

from .. import actions
from ..actions import ProgrammeError, record_view
from ..forms.fields import long_date, rating_name
from ..forms.visits import (
    BookVisitForm,
    CancelVisitForm,
    ChangeVisitForm,
    OutcomeForm,
    SendSummaryForm,
    SharedReviewForm,
    SummaryForm,
)
from ..models import (
    ATTENDED_CODES,
    DeliveryMethod,
    GoalRating,
    GoalStatus,
    Programme,
    SummaryDelivery,
    VisitKind,
    VisitState,
)
from .programme_access import (
    base_context,
    caregiver_of,
    get_visit,
    may_change,
    programme_page,
    render_page,
)

# A second "send" of the same summary, the same way, this soon is a double click.
RESEND_GUARD = timedelta(minutes=1)


def _visit_url(visit):
    return reverse("programmes:visit", args=[visit.programme.reference, visit.public_id])


def _when(visit):
    local = timezone.localtime(visit.starts_at)
    return f"{local:%-d %B %Y} at {local:%H:%M}"


def _blocked_reason_for_outcome(visit):
    if visit.state == VisitState.CANCELLED:
        return "This visit was cancelled, so there is no outcome to record."
    if visit.starts_at > timezone.now():
        return f"This visit is on {_when(visit)}. You can record what happened once it has started."
    return ""


# --- The visit page ------------------------------------------------------------------


@programme_page(changes=False)
@require_GET
def visit_detail(request, programme, visit_id):
    visit = get_visit(
        programme,
        visit_id,
        "practitioner",
        "shared_review__filming_visit",
        "shared_review__recorded_by",
        "summary__written_by",
    )
    visit.programme = programme
    review = getattr(visit, "shared_review", None)
    summary = getattr(visit, "summary", None)
    ratings = list(visit.goal_ratings.select_related("goal").order_by("goal__created_at", "pk"))
    deliveries = (
        list(summary.deliveries.select_related("sent_by").order_by("-sent_at", "-pk"))
        if summary
        else []
    )
    now = timezone.now()
    open_visit = visit.state in (VisitState.BOOKED, VisitState.PROPOSED)
    filming_warning = (
        visit.kind == VisitKind.FILMING
        and open_visit
        and not programme.is_closed
        and not filming_allowed(programme)
    )
    record_view(programme=programme, by=request.user, request=request)
    can_change = may_change(request.user, programme) and not programme.is_closed
    context = base_context(
        programme,
        visit=visit,
        review=review,
        summary=summary,
        ratings=ratings,
        deliveries=deliveries,
        filming_warning=filming_warning,
        can_change=can_change,
        can_reschedule=can_change and open_visit,
        can_record_outcome=can_change
        and visit.state != VisitState.CANCELLED
        and visit.starts_at <= now,
        can_review=can_change and visit.kind == VisitKind.SHARED_REVIEW and visit.took_place,
        can_summarise=can_change and visit.took_place,
        can_send=can_change and summary is not None,
        visit_ended_at=timezone.localtime(visit.ends_at),
    )
    return render(request, "sessions/visits/detail.html", context)


# --- Booking, changing, cancelling -------------------------------------------------------


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def book(request, programme):
    form = BookVisitForm(
        request.POST if request.method == "POST" else None,
        programme=programme,
        initial={"kind": request.GET.get("kind")} if request.GET.get("kind") else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = actions.book_visit(
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
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            done = "Booked" if visit.state == VisitState.BOOKED else "Proposed"
            messages.success(
                request, f"{done}: {visit.get_kind_display().lower()} visit on {_when(visit)}"
            )
            return redirect(_visit_url(visit))
    return render_page(
        request,
        programme,
        "sessions/visits/book.html",
        form=form,
        filming_allowed=filming_allowed(programme),
    )


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def change(request, programme, visit_id):
    visit = get_visit(programme, visit_id)
    visit.programme = programme
    form = ChangeVisitForm(
        request.POST if request.method == "POST" else None,
        programme=programme,
        kind=visit.kind,
        initial=ChangeVisitForm.initial_for(visit),
    )
    blocked = ""
    if visit.state in (VisitState.CANCELLED, VisitState.HAPPENED):
        blocked = "This visit is over or cancelled, so it can't be changed."
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = actions.change_visit(
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
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Visit changed: it is now on {_when(visit)}")
            return redirect(_visit_url(visit))
    return render_page(
        request,
        programme,
        "sessions/visits/change.html",
        form=form,
        visit=visit,
        blocked="" if request.method == "POST" else blocked,
    )


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def cancel(request, programme, visit_id):
    visit = get_visit(programme, visit_id)
    visit.programme = programme
    form = CancelVisitForm(request.POST if request.method == "POST" else None)
    blocked = ""
    if visit.state == VisitState.CANCELLED:
        blocked = "This visit is already cancelled."
    elif visit.state == VisitState.HAPPENED:
        blocked = "This visit has happened, so it can't be cancelled."
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.cancel_visit(
                visit=visit,
                cancelled_by_family=data["cancelled_by"] == "family",
                reason=data["reason"],
                by=request.user,
                request=request,
            )
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Visit on {_when(visit)} cancelled")
            return redirect(_visit_url(visit))
    return render_page(
        request,
        programme,
        "sessions/visits/cancel.html",
        form=form,
        visit=visit,
        blocked="" if request.method == "POST" else blocked,
    )


# --- What happened ------------------------------------------------------------------------


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def outcome(request, programme, visit_id):
    visit = get_visit(programme, visit_id)
    visit.programme = programme
    initial = {"notes": visit.notes}
    if visit.state == VisitState.HAPPENED:
        initial["attendance"] = visit.attendance
    form = OutcomeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = actions.record_outcome(
                visit=visit,
                attendance=data["attendance"],
                notes=data["notes"],
                by=request.user,
                request=request,
            )
        except ProgrammeError as error:
            form.add_error("attendance", str(error))
        else:
            messages.success(request, f"Outcome recorded: {visit.attendance_label.lower()}")
            return redirect(_visit_url(visit))
    return render_page(
        request,
        programme,
        "sessions/visits/outcome.html",
        form=form,
        visit=visit,
        blocked="" if request.method == "POST" else _blocked_reason_for_outcome(visit),
    )


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def review(request, programme, visit_id):
    visit = get_visit(programme, visit_id, "shared_review__filming_visit")
    visit.programme = programme
    existing = getattr(visit, "shared_review", None)
    goals = programme.goals.filter(status=GoalStatus.ACTIVE)
    filming_visits = list(
        programme.visits.filter(
            kind=VisitKind.FILMING,
            attendance__in=ATTENDED_CODES,
            starts_at__lt=visit.starts_at,
        ).order_by("-starts_at")
    )
    initial = {}
    if existing:
        initial = {
            "parent_noticed": existing.parent_noticed,
            "strengths": existing.strengths,
            "new_ideas": existing.new_ideas,
            "filming_visit": (
                str(existing.filming_visit.public_id)
                if existing.filming_visit
                else SharedReviewForm.NO_FILM
            ),
        }
        for rating in GoalRating.objects.filter(visit=visit, when="review").select_related("goal"):
            initial[rating_name(rating.goal)] = rating.score
    elif filming_visits:
        initial["filming_visit"] = str(filming_visits[0].public_id)
    form = SharedReviewForm(
        request.POST if request.method == "POST" else None,
        goals=goals,
        filming_visits=filming_visits,
        initial=initial,
    )
    blocked = ""
    if visit.kind != VisitKind.SHARED_REVIEW:
        blocked = "A shared review is recorded on a shared-review visit. This is a "
        blocked += f"{visit.get_kind_display().lower()} visit."
    elif not visit.took_place:
        blocked = "Record that the visit took place before recording the shared review."
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_shared_review(
                visit=visit,
                parent_noticed=data["parent_noticed"],
                strengths=data["strengths"],
                new_ideas=data["new_ideas"],
                filming_visit=form.chosen_filming_visit(),
                scores=form.scores(),
                by=request.user,
                request=request,
            )
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Shared review recorded")
            return redirect(_visit_url(visit))
    return render_page(
        request,
        programme,
        "sessions/visits/review.html",
        form=form,
        visit=visit,
        existing=existing,
        blocked="" if request.method == "POST" else blocked,
    )


# --- The session summary ----------------------------------------------------------------


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def summary(request, programme, visit_id):
    visit = get_visit(programme, visit_id, "summary", "shared_review")
    visit.programme = programme
    existing = getattr(visit, "summary", None)
    if existing:
        initial = {
            "strengths": existing.strengths,
            "points_to_work_on": existing.points_to_work_on,
            "next_steps": existing.next_steps,
        }
    else:
        review = getattr(visit, "shared_review", None)
        initial = {"strengths": review.strengths} if review else {}
    form = SummaryForm(request.POST if request.method == "POST" else None, initial=initial)
    blocked = ""
    if not visit.took_place:
        blocked = "Record that the visit took place before writing its summary."
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.write_summary(
                visit=visit,
                strengths=data["strengths"],
                points_to_work_on=data["points_to_work_on"],
                next_steps=data["next_steps"],
                by=request.user,
                request=request,
            )
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Summary saved. You can now send it to the family")
            return redirect(_visit_url(visit))
    return render_page(
        request,
        programme,
        "sessions/visits/summary.html",
        form=form,
        visit=visit,
        existing=existing,
        blocked="" if request.method == "POST" else blocked,
    )


def recent_delivery(programme, method, **which):
    """The same thing sent the same way moments ago: a double click, not a resend.

    The programme row is locked first, so two clicks at once are taken one by one.
    """
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    return (
        SummaryDelivery.objects.filter(
            programme=programme,
            method=method,
            sent_at__gte=timezone.now() - RESEND_GUARD,
            **which,
        )
        .order_by("-sent_at")
        .first()
    )


def already_sent_message(delivery, thing):
    at = timezone.localtime(delivery.sent_at)
    if delivery.method == DeliveryMethod.EMAIL:
        return f"The {thing} was emailed to {delivery.sent_to} at {at:%H:%M}. It was not sent again"
    return f"The {thing} was recorded as printed at {at:%H:%M}. It was not recorded again"


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def send(request, programme, visit_id):
    visit = get_visit(programme, visit_id, "summary")
    visit.programme = programme
    the_summary = getattr(visit, "summary", None)
    caregiver = caregiver_of(programme)
    form = SendSummaryForm(
        request.POST if request.method == "POST" else None,
        email=caregiver.email if caregiver else "",
        caregiver_name=caregiver.full_name if caregiver else "the family",
    )
    if request.method == "POST" and the_summary is None:
        form.is_valid()
        form.add_error(None, "Write the summary before sending it.")
    elif request.method == "POST" and form.is_valid():
        method = form.cleaned_data["method"]
        try:
            with transaction.atomic():
                recent = recent_delivery(programme, method, summary=the_summary)
                if recent is None:
                    delivery = actions.send_summary(
                        summary=the_summary, method=method, by=request.user, request=request
                    )
        except ProgrammeError as error:
            form.add_error("method", str(error))
        else:
            if recent is not None:
                messages.info(request, already_sent_message(recent, "summary"))
                return redirect(_visit_url(visit))
            if delivery.method == DeliveryMethod.EMAIL:
                messages.success(request, f"Summary emailed to {delivery.sent_to}")
                return redirect(_visit_url(visit))
            messages.success(request, "Summary recorded as a printed letter. Print it from here")
            return redirect(
                "programmes:summary_letter", reference=programme.reference, visit_id=visit.public_id
            )
    deliveries = (
        list(the_summary.deliveries.select_related("sent_by").order_by("-sent_at"))
        if the_summary
        else []
    )
    return render_page(
        request,
        programme,
        "sessions/visits/send.html",
        form=form,
        visit=visit,
        summary=the_summary,
        deliveries=deliveries,
        blocked=(
            "Write the summary before sending it."
            if the_summary is None and request.method == "GET"
            else ""
        ),
    )


@programme_page(changes=False, open_only=False)
@require_GET
def summary_letter(request, programme, visit_id):
    """The summary as a letter to print: the same words as the email."""
    visit = get_visit(programme, visit_id, "summary")
    visit.programme = programme
    record_view(programme=programme, by=request.user, request=request)
    the_summary = getattr(visit, "summary", None)
    context = base_context(
        programme,
        visit=visit,
        summary=the_summary,
        service=programme.referral.service,
        letter_date=long_date(timezone.localdate()),
    )
    return render(request, "sessions/visits/summary_letter.html", context)
