"""The programme's course: its state, its length, its ending and the closing letter."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .. import actions
from ..actions import STATE_MOVES, ProgrammeError, record_view
from ..forms.ending import ClosingLetterForm, EndProgrammeForm, PlannedVisitsForm, StateForm
from ..forms.fields import long_date
from ..models import ATTENDED_CODES, DeliveryMethod, GoalStatus, ProgrammeState
from .programme_access import (
    base_context,
    caregiver_of,
    may_change,
    programme_page,
    render_page,
    to_case,
)
from .visits import already_sent_message, recent_delivery


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def state(request, programme):
    moves = STATE_MOVES.get(programme.state, set())
    form = StateForm(
        request.POST if request.method == "POST" else None, moves=moves, current=programme.state
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = actions.change_state(
                programme=programme,
                state=data["state"],
                note=data["note"].strip(),
                by=request.user,
                request=request,
            )
        except ProgrammeError as error:
            form.add_error("state", str(error))
        else:
            messages.success(request, f"The programme is now {programme.get_state_display()}")
            return to_case(programme)
    return render_page(request, programme, "sessions/ending/state.html", form=form)


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def planned_visits(request, programme):
    form = PlannedVisitsForm(
        request.POST if request.method == "POST" else None, programme=programme
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        old = programme.planned_visits
        try:
            programme = actions.change_planned_visits(
                programme=programme,
                new_number=data["new_number"],
                reason=data["reason"],
                agreed_with_family=data["agreed_with_family"],
                by=request.user,
                request=request,
            )
        except ProgrammeError as error:
            form.add_error("new_number", str(error))
        else:
            messages.success(
                request, f"Planned visits changed from {old} to {programme.planned_visits}"
            )
            return to_case(programme)
    used = programme.visits.filter(attendance__in=ATTENDED_CODES).count()
    return render_page(
        request, programme, "sessions/ending/planned_visits.html", form=form, visits_used=used
    )


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def end(request, programme):
    goals = list(
        programme.goals.filter(Q(status=GoalStatus.ACTIVE) | Q(status=GoalStatus.ACHIEVED))
    )
    form = EndProgrammeForm(
        request.POST if request.method == "POST" else None, programme=programme, goals=goals
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.end_programme(
                programme=programme,
                reason=data["reason"],
                reason_detail=data["reason_detail"],
                ended_on=data["ended_on"],
                ending_summary=data["ending_summary"],
                scores=form.scores(),
                by=request.user,
                request=request,
            )
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"Programme ended on {long_date(data['ended_on'])}. "
                "Send the closing letter to the family",
            )
            return redirect("programmes:closing_letter", reference=programme.reference)
    upcoming = programme.visits.not_cancelled().filter(
        state__in=("booked", "proposed"), starts_at__gte=timezone.now()
    )
    return render_page(
        request,
        programme,
        "sessions/ending/end.html",
        form=form,
        goals=goals,
        upcoming_visits=list(upcoming),
    )


@programme_page(changes=False, open_only=False)
@require_http_methods(["GET", "POST"])
def closing_letter(request, programme):
    """The closing letter to print, with buttons to email it or record it as printed."""
    caregiver = caregiver_of(programme)
    form = ClosingLetterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_change(request.user, programme):
            raise PermissionDenied
        if form.is_valid():
            method = form.cleaned_data["method"]
            try:
                with transaction.atomic():
                    recent = recent_delivery(programme, method, summary=None)
                    if recent is None:
                        delivery = actions.record_closing_letter(
                            programme=programme, method=method, by=request.user, request=request
                        )
            except ProgrammeError as error:
                form.add_error(None, str(error))
            else:
                if recent is not None:
                    messages.info(request, already_sent_message(recent, "closing letter"))
                elif delivery.method == DeliveryMethod.EMAIL:
                    messages.success(request, f"Closing letter emailed to {delivery.sent_to}")
                else:
                    messages.success(request, "Closing letter recorded as printed")
                return to_case(programme)
    else:
        record_view(programme=programme, by=request.user, request=request)
    deliveries = list(
        programme.deliveries.filter(summary=None).select_related("sent_by").order_by("-sent_at")
    )
    context = base_context(
        programme,
        form=form,
        service=programme.referral.service,
        deliveries=deliveries,
        can_change=may_change(request.user, programme),
        can_send=may_change(request.user, programme) and programme.is_closed,
        email=caregiver.email if caregiver else "",
        letter_date=long_date(timezone.localdate()),
        ended=programme.state in (ProgrammeState.COMPLETED, ProgrammeState.ENDED_EARLY),
    )
    return render(request, "sessions/ending/closing_letter.html", context)
