"""Triage: accept to the waiting list, decline, signpost, or ask for more information."""

from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.permissions import Permission

from ...actions import (
    TRIAGE_DECISIONS,
    Decision,
    ReferralError,
    record_view,
    triage,
    why_not_triage,
)
from ...codes import Priority
from ...staff_forms import TriageForm
from .loading import READ_AND_WRITE, referral_page

SUCCESS_MESSAGES = {
    Decision.ACCEPT: "{reference} is on the waiting list",
    Decision.DECLINE: "{reference} has been declined",
    Decision.SIGNPOST: "{reference} has been signposted elsewhere",
    Decision.REQUEST_INFO: "You asked for more information about {reference}",
}


@referral_page(READ_AND_WRITE, permission=Permission.TRIAGE_REFERRALS)
def triage_referral(request, referral):
    """Accept to the waiting list, decline, signpost, or ask for more information."""
    user = request.user
    if request.method == "POST":
        form = TriageForm(request.POST)
        if form.is_valid():
            decision = form.cleaned_data["decision"]
            priority = form.cleaned_data["priority"]
            if form.cleaned_data["status_seen"] not in ("", referral.status):
                return _triaged_meanwhile(request, referral, decision, priority)
            try:
                triage(
                    referral=referral,
                    decision=decision,
                    priority=priority,
                    note=form.cleaned_data["note"],
                    by=user,
                    request=request,
                )
            except ReferralError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _triage_message(referral, decision, priority))
                return redirect("referrals:detail", reference=referral.reference)
    elif reason := why_not_triage(referral):
        messages.info(request, reason)
        return redirect("referrals:detail", reference=referral.reference)
    else:
        form = TriageForm(initial={"priority": referral.priority, "status_seen": referral.status})
        if request.method == "GET":
            record_view(referral=referral, by=user, request=request)
    return render(request, "referrals/staff/triage.html", {"referral": referral, "form": form})


def _triage_message(referral, decision, priority):
    message = SUCCESS_MESSAGES[decision].format(reference=referral.reference)
    if decision == Decision.ACCEPT:
        message += " as urgent" if priority == Priority.URGENT else " as routine"
    return message


def _triaged_meanwhile(request, referral, decision, priority):
    """The status changed after the form was shown: a second click, or a colleague.

    Nothing is decided twice. If the referral is already where this decision
    would put it, say so as a success; otherwise say what happened.
    """
    if referral.status == TRIAGE_DECISIONS[decision] and referral.priority == priority:
        messages.success(request, _triage_message(referral, decision, priority))
    else:
        messages.info(
            request,
            f"Nothing was changed: {referral.reference} became "
            f"\u201c{referral.get_status_display().lower()}\u201d before your decision "
            "was sent. Check it, then triage it again if you need to",
        )
    return redirect("referrals:detail", reference=referral.reference)
