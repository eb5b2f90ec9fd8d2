"""Consent pages of a family's programme: record, withdraw, confirm, history.

Pages load the programme through ``sessions.views.case.programme_for`` (not
visible → 404), audit every view of the case, and change consent only through
``consent.actions``.
"""

from datetime import UTC, datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.permissions import Permission, permission_required
from sessions.actions import record_view
from sessions.models import VisitKind
from sessions.views.case import can_work_on, programme_for, refuse_unless_get
from sessions.views.consent_panel import consent_panel
from sessions.views.programme_access import may_change

from .actions import ConsentError, record_consent, withdraw_consent
from .forms import ALL_SCOPES, ConsentForm, WithdrawalForm
from .models import ConsentFormVersion, ConsentRecord, Kind, Scope
from .queries import history

# A withdrawal is named in URLs by the moment it was recorded (UTC, to the
# microsecond): one caregiver's scopes withdrawn together share it.
STAMP_FORMAT = "%Y%m%dT%H%M%S%f"


def withdrawal_stamp(recorded_at):
    return recorded_at.astimezone(UTC).strftime(STAMP_FORMAT) + "Z"


def _parse_stamp(stamp):
    try:
        return datetime.strptime(stamp.removesuffix("Z"), STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise Http404("No such withdrawal.") from None


def _refuse_change(request, programme):
    """Before a change: 403 for those who only read the case (a supervisor); back to
    the case page, saying why, once the programme has ended. None when it may go on."""
    if not may_change(request.user, programme):
        raise PermissionDenied
    if programme.is_closed:
        messages.error(request, "This programme has ended; consent can't be changed now.")
        return redirect("programmes:case", reference=programme.reference)
    return None


def _page(request, template, programme, context):
    """Render a consent page of the case, auditing that the case was seen."""
    record_view(programme=programme, by=request.user, request=request)
    return render(request, template, {"programme": programme, **context})


# --- Recording consent ------------------------------------------------------------


@permission_required(Permission.WORK_WITH_FAMILIES)
@require_http_methods(["GET", "POST"])
def record(request, reference):
    """The current consent form, and each caregiver's yes or no to each part of it."""
    programme = programme_for(request, reference)
    if request.method == "POST" and (refused := _refuse_change(request, programme)):
        return refused
    consent_form = ConsentFormVersion.current_for(programme.referral.service)
    can_record = consent_form is not None and can_work_on(request.user, programme)
    data = request.POST if request.method == "POST" and can_record else None
    form = ConsentForm(data, programme=programme)
    if data is not None and form.is_valid():
        caregiver = form.cleaned_data["caregiver"]
        try:
            record_consent(
                programme=programme,
                caregiver=caregiver,
                answers=form.answers(),
                method=form.cleaned_data["method"],
                signed_name=form.cleaned_data["signed_name"],
                witness_name=form.cleaned_data["witness_name"],
                visit=form.cleaned_data["visit"],
                by=request.user,
                request=request,
            )
        except ConsentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Consent recorded for {caregiver.full_name}")
            return redirect("programmes:case", reference=programme.reference)
    return _page(
        request,
        "consent/record.html",
        programme,
        {"form": form, "consent_form": consent_form, "can_record": can_record},
    )


# --- Withdrawing consent ----------------------------------------------------------


@permission_required(Permission.WORK_WITH_FAMILIES)
@require_http_methods(["GET", "POST"])
def withdraw(request, reference):
    """Stop some or all uses of the film, at the parent's request, from today."""
    programme = programme_for(request, reference)
    if request.method == "POST" and (refused := _refuse_change(request, programme)):
        return refused
    can_withdraw = can_work_on(request.user, programme)
    data = request.POST if request.method == "POST" and can_withdraw else None
    form = WithdrawalForm(data, programme=programme)
    if data is not None and form.is_valid():
        try:
            withdrawal = withdraw_consent(
                programme=programme,
                caregiver=form.cleaned_data["caregiver"],
                scopes=form.cleaned_data["scopes"],
                reason=form.cleaned_data["reason"],
                effective_on=form.cleaned_data["effective_on"],
                by=request.user,
                request=request,
            )
        except ConsentError as error:
            form.add_error(None, str(error))
        else:
            stamp = withdrawal_stamp(withdrawal.records[0].recorded_at)
            return redirect("programmes:consent_withdrawn", reference=reference, stamp=stamp)
    records = list(ConsentRecord.objects.filter(programme=programme, superseded_at__isnull=True))
    caregivers = list(programme.referral.caregivers.all())
    context = {
        "form": form,
        "can_withdraw": can_withdraw,
        "consent": consent_panel(records, caregivers, [], timezone.now()),
        "all_scopes": ALL_SCOPES,
        "scopes_chosen": form["scopes"].value() or [],
    }
    return _page(request, "consent/withdraw.html", programme, context)


def _withdrawal(request, reference, stamp):
    """The programme and the records of the withdrawal named by ``stamp``, or 404."""
    programme = programme_for(request, reference)
    records = list(
        ConsentRecord.objects.filter(
            programme=programme, kind=Kind.WITHDRAWN, recorded_at=_parse_stamp(stamp)
        ).select_related("caregiver", "recorded_by")
    )
    if not records:
        raise Http404("No such withdrawal.")
    records.sort(key=lambda r: Scope.values.index(r.scope))
    return programme, records


def _withdrawal_context(programme, records):
    withdrawn = {record.scope for record in records}
    caregiver = records[0].caregiver
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
        "caregiver": caregiver,
        "stopped": [Scope(record.scope).label for record in records],
        "still_allowed_scopes": [s.label for s in Scope if s not in withdrawn],
        "filming_withdrawn": Scope.FILMING in withdrawn,
        "affected_filming_visits": affected,
        "service": programme.referral.service,
        "stamp": withdrawal_stamp(records[0].recorded_at),
    }


def withdrawn(request, reference, stamp):
    """What the withdrawal stopped, what carries on, and how the parent hears of it."""
    programme, records = _withdrawal(request, reference, stamp)
    if refused := refuse_unless_get(request):
        return refused
    return _page(
        request, "consent/withdrawn.html", programme, _withdrawal_context(programme, records)
    )


def withdrawal_letter(request, reference, stamp):
    """A printable confirmation for a family who has no email address."""
    programme, records = _withdrawal(request, reference, stamp)
    if refused := refuse_unless_get(request):
        return refused
    context = _withdrawal_context(programme, records)
    context["today"] = timezone.localdate()
    return _page(request, "consent/withdrawal_letter.html", programme, context)


# --- History ---------------------------------------------------------------------


def consent_history(request, reference):
    """Every consent record for the family, newest first: nothing is ever edited."""
    programme = programme_for(request, reference)
    if refused := refuse_unless_get(request):
        return refused
    rows = []
    for record in history(programme).select_related("visit"):
        if rows and _same_answer(rows[-1]["first"], record):
            rows[-1]["records"].append(record)
        else:
            rows.append({"first": record, "records": [record]})
    for row in rows:
        row["records"].sort(key=lambda r: Scope.values.index(r.scope))
        first = row["first"]
        if first.kind == Kind.WITHDRAWN:
            row["stamp"] = withdrawal_stamp(first.recorded_at)
    return _page(request, "consent/history.html", programme, {"rows": rows})


def _same_answer(one, other):
    return (one.caregiver_id, one.kind, one.recorded_at) == (
        other.caregiver_id,
        other.kind,
        other.recorded_at,
    )
