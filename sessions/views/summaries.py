"""After a visit: the shared review, the session summary, sending it to the
family and the printable letter.

As for the other programme pages: ``access.programme_page`` scopes, forms
validate, ``pages.attempt`` calls the action, and the action's ``why_not_…``
says what a page can't offer.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone

from .. import actions
from ..forms.fields import long_date, rating_name
from ..forms.visits import SendSummaryForm, SharedReviewForm, SummaryForm
from ..models import ATTENDED_CODES, DeliveryMethod, RatingWhen, VisitKind
from ..queries import active_goals
from .access import caregiver_of, get_visit, programme_page
from .pages import attempt, explain, render_page

FORM_PAGE = ("GET", "POST")


def _review_initial(visit, existing, filming_visits):
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
        ratings = visit.goal_ratings.filter(when=RatingWhen.REVIEW).select_related("goal")
        for rating in ratings:
            initial[rating_name(rating.goal)] = rating.score
        return initial
    if filming_visits:
        return {"filming_visit": str(filming_visits[0].public_id)}
    return {}


@programme_page(methods=FORM_PAGE, changes=True)
def review(request, programme, visit_id):
    visit = get_visit(programme, visit_id, "shared_review__filming_visit")
    existing = getattr(visit, "shared_review", None)
    filming_visits = list(
        programme.visits.filter(
            kind=VisitKind.FILMING,
            attendance__in=ATTENDED_CODES,
            starts_at__lt=visit.starts_at,
        ).order_by("-starts_at")
    )
    form = SharedReviewForm(
        request.POST if request.method == "POST" else None,
        goals=active_goals(programme),
        filming_visits=filming_visits,
        initial=_review_initial(visit, existing, filming_visits),
    )

    def record_shared_review(data):
        return actions.record_shared_review(
            visit=visit,
            parent_noticed=data["parent_noticed"],
            strengths=data["strengths"],
            new_ideas=data["new_ideas"],
            filming_visit=form.chosen_filming_visit(),
            scores=form.scores(),
            by=request.user,
            request=request,
        )

    if done := attempt(
        request, form, record_shared_review, success="Shared review recorded", then=visit
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/visits/review.html",
        form=form,
        visit=visit,
        existing=existing,
        blocked="" if request.method == "POST" else explain(actions.why_not_review(visit)),
    )


@programme_page(methods=FORM_PAGE, changes=True)
def summary(request, programme, visit_id):
    visit = get_visit(programme, visit_id, "summary", "shared_review")
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

    def write_summary(data):
        return actions.write_summary(
            visit=visit,
            strengths=data["strengths"],
            points_to_work_on=data["points_to_work_on"],
            next_steps=data["next_steps"],
            by=request.user,
            request=request,
        )

    if done := attempt(
        request,
        form,
        write_summary,
        success="Summary saved. You can now send it to the family",
        then=visit,
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/visits/summary.html",
        form=form,
        visit=visit,
        existing=existing,
        blocked="" if request.method == "POST" else explain(actions.why_not_write_summary(visit)),
    )


def _sent(sending):
    delivery = sending.delivery
    if sending.not_again:
        return messages.INFO, sending.not_again
    if delivery.method == DeliveryMethod.EMAIL:
        return f"Summary emailed to {delivery.sent_to}"
    return "Summary recorded as a printed letter. Print it from here"


def _after_sending(visit):
    def then(sending):
        if sending.delivery.method == DeliveryMethod.LETTER and not sending.not_again:
            return reverse(
                "programmes:summary_letter",
                kwargs={"reference": visit.programme.reference, "visit_id": visit.public_id},
            )
        return visit

    return then


@programme_page(methods=FORM_PAGE, changes=True)
def send(request, programme, visit_id):
    visit = get_visit(programme, visit_id, "summary")
    the_summary = getattr(visit, "summary", None)
    caregiver = caregiver_of(programme)
    form = SendSummaryForm(
        request.POST if request.method == "POST" else None,
        email=caregiver.email if caregiver else "",
        caregiver_name=caregiver.full_name if caregiver else "the family",
    )

    def send_summary(data):
        return actions.send_summary(
            summary=the_summary,
            method=data["method"],
            ignore_double_click=True,
            by=request.user,
            request=request,
        )

    # Without a summary there is nothing to send: the error goes on the whole form.
    field = "method" if the_summary is not None else None
    if done := attempt(
        request, form, send_summary, success=_sent, then=_after_sending(visit), field=field
    ):
        return done
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
        blocked=""
        if request.method == "POST"
        else explain(actions.why_not_send_summary(the_summary)),
    )


@programme_page(open_only=False)
def summary_letter(request, programme, visit_id):
    """The summary as a letter to print: the same words as the email."""
    visit = get_visit(programme, visit_id, "summary")
    return render_page(
        request,
        programme,
        "sessions/visits/summary_letter.html",
        visit=visit,
        summary=getattr(visit, "summary", None),
        service=programme.referral.service,
        letter_date=long_date(timezone.localdate()),
    )
