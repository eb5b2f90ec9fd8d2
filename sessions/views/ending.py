"""The programme's course: its state, its length, its ending (with the summaries
still to write or skip) and the closing letter."""

from django.contrib import messages
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .. import actions
from ..actions.programme import visit_in_words
from ..forms.ending import (
    ClosingLetterForm,
    EndProgrammeForm,
    PlannedVisitsForm,
    SkipSummaryForm,
    StateForm,
)
from ..forms.fields import long_date
from ..models import DeliveryMethod, GoalStatus, ProgrammeState, VisitState
from ..queries import visits_needing_summary, visits_used
from .access import caregiver_of, get_visit, may_change, programme_page
from .pages import attempt, explain, render_page

FORM_PAGE = ("GET", "POST")


@programme_page(methods=FORM_PAGE, changes=True)
def state(request, programme):
    form = StateForm(
        request.POST if request.method == "POST" else None,
        moves=actions.state_moves(programme),
        current=programme.state,
    )

    def change_state(data):
        return actions.change_state(
            programme=programme,
            state=data["state"],
            note=data["note"].strip(),
            by=request.user,
            request=request,
        )

    if done := attempt(
        request,
        form,
        change_state,
        success=lambda programme: f"The programme is now {programme.get_state_display()}",
        then=programme,
        field="state",
    ):
        return done
    return render_page(request, programme, "sessions/ending/state.html", form=form)


@programme_page(methods=FORM_PAGE, changes=True)
def planned_visits(request, programme):
    form = PlannedVisitsForm(
        request.POST if request.method == "POST" else None, programme=programme
    )
    old = programme.planned_visits

    def change_planned_visits(data):
        return actions.change_planned_visits(
            programme=programme,
            new_number=data["new_number"],
            reason=data["reason"],
            agreed_with_family=data["agreed_with_family"],
            by=request.user,
            request=request,
        )

    if done := attempt(
        request,
        form,
        change_planned_visits,
        success=lambda changed: f"Planned visits changed from {old} to {changed.planned_visits}",
        then=programme,
        field="new_number",
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/ending/planned_visits.html",
        form=form,
        visits_used=visits_used(programme),
    )


@programme_page(methods=FORM_PAGE, changes=True)
def end(request, programme):
    goals = list(
        programme.goals.filter(Q(status=GoalStatus.ACTIVE) | Q(status=GoalStatus.ACHIEVED))
    )
    form = EndProgrammeForm(
        request.POST if request.method == "POST" else None, programme=programme, goals=goals
    )

    def end_programme(data):
        return actions.end_programme(
            programme=programme,
            reason=data["reason"],
            reason_detail=data["reason_detail"],
            ended_on=data["ended_on"],
            ending_summary=data["ending_summary"],
            scores=form.scores(),
            by=request.user,
            request=request,
        )

    if done := attempt(
        request,
        form,
        end_programme,
        success=lambda ended: (
            f"Programme ended on {long_date(ended.ended_on)}. Send the closing letter to the family"
        ),
        then=reverse("programmes:closing_letter", kwargs={"reference": programme.reference}),
    ):
        return done
    upcoming = programme.visits.not_cancelled().filter(
        state__in=(VisitState.BOOKED, VisitState.PROPOSED), starts_at__gte=timezone.now()
    )
    refusal = actions.why_not_end_programme(programme)
    return render_page(
        request,
        programme,
        "sessions/ending/end.html",
        form=form,
        goals=goals,
        upcoming_visits=list(upcoming),
        summaries_missing=list(
            visits_needing_summary().filter(programme=programme).order_by("starts_at")
        ),
        blocked="" if request.method == "POST" else explain(refusal),
    )


@programme_page(methods=FORM_PAGE, changes=True)
def skip_summary(request, programme, visit_id):
    """Record why a visit that took place will have no summary, so the programme can end."""
    visit = get_visit(programme, visit_id)
    form = SkipSummaryForm(request.POST if request.method == "POST" else None)

    def skip(data):
        return actions.skip_summary(
            visit=visit, reason=data["reason"], by=request.user, request=request
        )

    if done := attempt(
        request,
        form,
        skip,
        success=f"No summary for the {visit_in_words(visit)}: why is on the family's record",
        then=reverse("programmes:end", kwargs={"reference": programme.reference}),
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/ending/skip_summary.html",
        form=form,
        visit=visit,
        blocked="" if request.method == "POST" else explain(actions.why_not_skip_summary(visit)),
    )


def _letter_sent(sending):
    if sending.not_again:
        return messages.INFO, sending.not_again
    if sending.delivery.method == DeliveryMethod.EMAIL:
        return f"Closing letter emailed to {sending.delivery.sent_to}"
    return "Closing letter recorded as printed"


@programme_page(methods=FORM_PAGE, posts_change=True)
def closing_letter(request, programme):
    """The closing letter to print, with buttons to email it or record it as printed."""
    caregiver = caregiver_of(programme)
    form = ClosingLetterForm(request.POST if request.method == "POST" else None)

    def record_closing_letter(data):
        return actions.record_closing_letter(
            programme=programme,
            method=data["method"],
            ignore_double_click=True,
            by=request.user,
            request=request,
        )

    if done := attempt(request, form, record_closing_letter, success=_letter_sent, then=programme):
        return done
    deliveries = list(
        programme.deliveries.filter(summary=None).select_related("sent_by").order_by("-sent_at")
    )
    return render_page(
        request,
        programme,
        "sessions/ending/closing_letter.html",
        form=form,
        service=programme.referral.service,
        deliveries=deliveries,
        can_change=may_change(request.user, programme),
        can_send=may_change(request.user, programme)
        and not actions.why_not_send_closing_letter(programme),
        email=caregiver.email if caregiver else "",
        letter_date=long_date(timezone.localdate()),
        ended=programme.state in (ProgrammeState.COMPLETED, ProgrammeState.ENDED_EARLY),
    )
