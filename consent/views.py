"""Consent pages of a family's programme: record, withdraw, confirm, history.

Pages load the programme through ``sessions.views.access.programme_page`` (not
visible → 404, then a method the page doesn't take → 405, then 403 for a
change the person may not make), audit every view of the case, and change
consent only through ``consent.actions`` (``sessions.views.pages.attempt``).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from sessions.models import VisitKind
from sessions.presenters.consent_panel import consent_panel
from sessions.views.access import can_work_on, programme_page
from sessions.views.pages import attempt, render_page

from .actions import record_consent, why_not_change_consent, withdraw_consent
from .forms import ALL_SCOPES, ConsentForm, WithdrawalForm
from .models import ConsentFormVersion, Scope
from .presenters import consent_history as history_entries
from .presenters import parse_stamp, text_blocks, withdrawal_stamp
from .queries import history, in_force, withdrawal

FORM_PAGE = ("GET", "POST")
EVERY_METHOD = ("GET", "HEAD", "POST")


def _parse_stamp(stamp):
    moment = parse_stamp(stamp)
    if moment is None:
        raise Http404("No such withdrawal.")
    return moment


def _ended(request, programme):
    """Once the programme has ended, a change is sent back to the case page with why."""
    if request.method == "POST" and (refusal := why_not_change_consent(programme)):
        messages.error(request, str(refusal))
        return redirect(programme)
    return None


# --- Recording consent ------------------------------------------------------------


@programme_page(methods=FORM_PAGE, posts_change=True)
def record(request, programme):
    """The current consent form, and each caregiver's yes or no to each part of it."""
    if refused := _ended(request, programme):
        return refused
    consent_form = ConsentFormVersion.current_for(programme.referral.service)
    can_record = consent_form is not None and can_work_on(request.user, programme)
    data = request.POST if request.method == "POST" and can_record else None
    form = ConsentForm(data, programme=programme)

    def record_answers(data):
        record_consent(
            programme=programme,
            caregiver=data["caregiver"],
            answers=form.answers(),
            method=data["method"],
            signed_name=data["signed_name"],
            witness_name=data["witness_name"],
            visit=data["visit"],
            by=request.user,
            request=request,
        )
        return data["caregiver"]

    if done := attempt(
        request,
        form,
        record_answers,
        success=lambda caregiver: f"Consent recorded for {caregiver.full_name}",
        then=programme,
    ):
        return done
    return render_page(
        request,
        programme,
        "consent/record.html",
        audit=EVERY_METHOD,
        form=form,
        consent_form=consent_form,
        consent_text=text_blocks(consent_form.text) if consent_form else [],
        can_record=can_record,
    )


# --- Withdrawing consent ----------------------------------------------------------


@programme_page(methods=FORM_PAGE, posts_change=True)
def withdraw(request, programme):
    """Stop some or all uses of the film, at the parent's request, from today."""
    if refused := _ended(request, programme):
        return refused
    can_withdraw = can_work_on(request.user, programme)
    data = request.POST if request.method == "POST" and can_withdraw else None
    form = WithdrawalForm(data, programme=programme)

    def withdraw_scopes(data):
        return withdraw_consent(
            programme=programme,
            caregiver=data["caregiver"],
            scopes=data["scopes"],
            reason=data["reason"],
            effective_on=data["effective_on"],
            by=request.user,
            request=request,
        )

    def to_confirmation(withdrawn):
        stamp = withdrawal_stamp(withdrawn.records[0].recorded_at)
        return reverse(
            "programmes:consent_withdrawn",
            kwargs={"reference": programme.reference, "stamp": stamp},
        )

    if done := attempt(request, form, withdraw_scopes, then=to_confirmation):
        return done
    caregivers = list(programme.referral.caregivers.all())
    return render_page(
        request,
        programme,
        "consent/withdraw.html",
        audit=EVERY_METHOD,
        form=form,
        can_withdraw=can_withdraw,
        consent=consent_panel(in_force(programme), caregivers, [], timezone.now()),
        all_scopes=ALL_SCOPES,
        scopes_chosen=form["scopes"].value() or [],
    )


def _withdrawal(programme, stamp):
    """The records of the withdrawal named by ``stamp``, or 404."""
    records = withdrawal(programme, _parse_stamp(stamp))
    if not records:
        raise Http404("No such withdrawal.")
    return records


def _withdrawal_context(programme, records):
    withdrawn = {record.scope for record in records}
    affected = []
    if Scope.FILMING in withdrawn:
        affected = list(
            programme.visits.not_cancelled()
            .filter(kind=VisitKind.FILMING, starts_at__gte=timezone.now())
            .order_by("starts_at")
        )
    return {
        "records": records,
        "first": records[0],
        "caregiver": records[0].caregiver,
        "stopped": [Scope(record.scope).label for record in records],
        "still_allowed_scopes": [s.label for s in Scope if s not in withdrawn],
        "filming_withdrawn": Scope.FILMING in withdrawn,
        "affected_filming_visits": affected,
        "service": programme.referral.service,
        "stamp": withdrawal_stamp(records[0].recorded_at),
    }


@programme_page()
def withdrawn(request, programme, stamp):
    """What the withdrawal stopped, what carries on, and how the parent hears of it."""
    records = _withdrawal(programme, stamp)
    return render_page(
        request, programme, "consent/withdrawn.html", **_withdrawal_context(programme, records)
    )


@programme_page()
def withdrawal_letter(request, programme, stamp):
    """A printable confirmation for a family who has no email address."""
    records = _withdrawal(programme, stamp)
    return render_page(
        request,
        programme,
        "consent/withdrawal_letter.html",
        **_withdrawal_context(programme, records),
        today=timezone.localdate(),
    )


# --- History ---------------------------------------------------------------------


@programme_page()
def consent_history(request, programme):
    """Every consent record for the family, newest first: nothing is ever edited."""
    entries = history_entries(history(programme).select_related("visit"))
    return render_page(request, programme, "consent/history.html", entries=entries)
