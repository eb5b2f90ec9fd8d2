"""The team's referral workflow: inbox, referral page, duplicates, triage,
waiting list and allocation.

Every list starts from ``Referral.objects.visible_to(user)``, and a single
referral is loaded through ``_get_referral``, which scopes first: a referral
outside the person's scope is a 404 whatever they try to do with it; one they
can see but not change is a 403. Writes go through ``referrals.actions``.
"""

from datetime import timedelta
from functools import reduce
from operator import or_

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import Permission, has_permission, permission_required

from .actions import (
    TRIAGE_DECISIONS,
    TRIAGEABLE_STATUSES,
    ReferralError,
    allocate,
    link_duplicate,
    record_view,
    triage,
)
from .codes import WAITING_BANDS, Priority, waiting_band
from .duplicates import linked_referrals, possible_duplicates
from .models import Allocation, Referral, Status, StatusChange
from .queries import caseload_sizes
from .staff_forms import AllocationForm, TriageForm

PER_PAGE = 50
ALLOCATABLE_STATUSES = (Status.WAITING, Status.ALLOCATED)
ONE_WEEK = timedelta(weeks=1)


# --- Loading, scoped ------------------------------------------------------------


def _get_referral(request, reference, *, with_history=False):
    """The referral, if this person may see it; else 404."""
    referrals = Referral.objects.visible_to(request.user).with_people()
    if with_history:
        referrals = referrals.prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("practitioner", "allocated_by"),
            ),
        )
    return get_object_or_404(referrals, reference=reference)


def _require(user, permission):
    if not has_permission(user, permission):
        raise PermissionDenied


def _visible_duplicates(user, referrals):
    """``possible_duplicates`` of ``referrals``, keeping only those ``user`` may see."""
    found = possible_duplicates(referrals)
    others = {other.pk for matches in found.values() for other in matches}
    if not others:
        return {}
    visible = set(
        Referral.objects.visible_to(user).filter(pk__in=others).values_list("pk", flat=True)
    )
    return {
        pk: [other for other in matches if other.pk in visible] for pk, matches in found.items()
    }


def _page(request, referrals):
    return Paginator(referrals, PER_PAGE).get_page(request.GET.get("page"))


# --- Inbox --------------------------------------------------------------------------


@permission_required(Permission.TRIAGE_REFERRALS)
@require_GET
def inbox(request):
    """New referrals, and those waiting for more information, to triage."""
    page = _page(request, Referral.objects.visible_to(request.user).inbox().with_people())
    referrals = list(page.object_list)
    duplicates = _visible_duplicates(request.user, referrals)
    today = timezone.localdate()
    for referral in referrals:
        referral.days_since_received = (today - timezone.localdate(referral.received_at)).days
        referral.possible_duplicates = duplicates.get(referral.pk, [])
    return render(request, "referrals/staff/inbox.html", {"page": page, "referrals": referrals})


# --- The referral page and duplicates -------------------------------------------


@require_GET
def referral_detail(request, reference):
    """Everything the family and referrer said, and what the team has done since."""
    user = request.user
    referral = _get_referral(request, reference, with_history=True)
    record_view(referral=referral, by=user, request=request)
    linked_ids = linked_referrals(referral)
    linked = (
        Referral.objects.visible_to(user).filter(pk__in=linked_ids).order_by("received_at")
        if linked_ids
        else []
    )
    context = {
        "referral": referral,
        "possible_duplicates": _visible_duplicates(user, [referral]).get(referral.pk, []),
        "linked": linked,
        "can_triage": has_permission(user, Permission.TRIAGE_REFERRALS)
        and referral.status in TRIAGEABLE_STATUSES,
        "can_allocate": has_permission(user, Permission.ALLOCATE_CASES)
        and referral.status in ALLOCATABLE_STATUSES,
    }
    return render(request, "referrals/staff/detail.html", context)


@require_http_methods(["GET", "POST"])
def compare_duplicates(request, reference, other_reference):
    """Two referrals that may be the same family, side by side; link them if so."""
    user = request.user
    referral = _get_referral(request, reference)
    other = _get_referral(request, other_reference)
    already_linked = other.pk in linked_referrals(referral)
    if not already_linked:
        candidates = possible_duplicates([referral]).get(referral.pk, [])
        if other.pk not in {candidate.pk for candidate in candidates}:
            raise Http404("These referrals are not possible duplicates.")

    if request.method == "POST":
        _require(user, Permission.TRIAGE_REFERRALS)
        try:
            link_duplicate(referral=referral, other=other, by=user, request=request)
        except ReferralError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"{referral.reference} and {other.reference} are linked as one family"
            )
        return redirect("referrals:detail", reference=referral.reference)

    record_view(referral=referral, by=user, request=request)
    record_view(referral=other, by=user, request=request)
    context = {
        "referral": referral,
        "other": other,
        "rows": _comparison(referral, other),
        "already_linked": already_linked,
        "can_link": has_permission(user, Permission.TRIAGE_REFERRALS),
    }
    return render(request, "referrals/staff/compare.html", context)


# Rows where the same answer on both sides suggests the same family.
IDENTIFYING = {
    "Parent or carer",
    "Postcode",
    "Phone",
    "Email",
    "Child",
    "Date of birth or due date",
    "NHS number",
}


def _comparison(referral, other):
    """``[(label, this value, other value, same?)]`` for the side-by-side table."""

    def describe(r):
        caregivers = list(r.caregivers.all())
        children = list(r.children.all())
        return {
            "Received": timezone.localtime(r.received_at).strftime("%-d %B %Y"),
            "Source of referral": r.get_source_display(),
            "Status": r.get_status_display(),
            "Parent or carer": ", ".join(c.full_name for c in caregivers),
            "Relationship to the child": ", ".join(c.relationship_label for c in caregivers),
            "Postcode": ", ".join(c.postcode for c in caregivers),
            "Phone": ", ".join(c.phone for c in caregivers if c.phone),
            "Email": ", ".join(c.email for c in caregivers if c.email),
            "Child": ", ".join(c.display_name for c in children),
            "Date of birth or due date": ", ".join(
                (
                    f"Due {c.due_date:%-d %B %Y}"
                    if c.is_unborn
                    else f"Born {c.date_of_birth:%-d %B %Y}"
                )
                for c in children
            ),
            "NHS number": ", ".join(c.nhs_number_display for c in children if c.nhs_number),
            "Referrer": ", ".join(
                part for part in (r.referrer_name, r.referrer_organisation) if part
            ),
        }

    left, right = describe(referral), describe(other)
    return [
        (
            label,
            left[label],
            right[label],
            label in IDENTIFYING and bool(left[label]) and left[label] == right[label],
        )
        for label in left
    ]


# --- Triage -----------------------------------------------------------------------

SUCCESS_MESSAGES = {
    "accept": "{reference} is on the waiting list",
    "decline": "{reference} has been declined",
    "signpost": "{reference} has been signposted elsewhere",
    "request_info": "You asked for more information about {reference}",
}


@require_http_methods(["GET", "POST"])
def triage_referral(request, reference):
    """Accept to the waiting list, decline, signpost, or ask for more information."""
    user = request.user
    referral = _get_referral(request, reference)
    _require(user, Permission.TRIAGE_REFERRALS)
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
    elif referral.status not in TRIAGEABLE_STATUSES:
        messages.info(
            request,
            f"{referral.reference} is {referral.get_status_display().lower()}: "
            "it can't be triaged again",
        )
        return redirect("referrals:detail", reference=referral.reference)
    else:
        form = TriageForm(initial={"priority": referral.priority, "status_seen": referral.status})
    return render(request, "referrals/staff/triage.html", {"referral": referral, "form": form})


def _triage_message(referral, decision, priority):
    message = SUCCESS_MESSAGES[decision].format(reference=referral.reference)
    if decision == "accept":
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


# --- Waiting list -----------------------------------------------------------------


@permission_required(Permission.TRIAGE_REFERRALS)
@require_GET
def waiting_list(request):
    """Accepted referrals by priority then date received, with national waiting bands."""
    now = timezone.now()
    waiting = Referral.objects.visible_to(request.user).waiting_list()
    page = _page(request, waiting.with_people())
    referrals = list(page.object_list)
    for referral in referrals:
        weeks = max(int((now - referral.received_at) / ONE_WEEK), 0)
        referral.weeks_waiting = weeks
        referral.waiting_band = waiting_band(weeks)
        referral.over_target = weeks >= referral.service.waiting_target_weeks
    bands, over_target = _waiting_summary(waiting, now)
    context = {"page": page, "referrals": referrals, "bands": bands, "over_target": over_target}
    return render(request, "referrals/staff/waiting_list.html", context)


def _waiting_summary(waiting, now):
    """Families per national band, and how many are over their service's target.

    Counted in the database, over the whole list (not just this page), in two
    queries: the services' targets, then every count at once.
    """
    waiting = waiting.order_by()
    counts = {}
    for index, (_label, low, high) in enumerate(WAITING_BANDS):
        in_band = Q()
        if low:
            in_band &= Q(received_at__lte=now - low * ONE_WEEK)
        if high is not None:
            in_band &= Q(received_at__gt=now - high * ONE_WEEK)
        counts[f"band_{index}"] = Count("pk", filter=in_band)
    targets = set(waiting.values_list("service__waiting_target_weeks", flat=True).distinct())
    if targets:
        over = reduce(
            or_,
            (
                Q(service__waiting_target_weeks=target, received_at__lte=now - target * ONE_WEEK)
                for target in targets
            ),
        )
        counts["over_target"] = Count("pk", filter=over)
    totals = waiting.aggregate(**counts)
    bands = [(label, totals[f"band_{i}"]) for i, (label, _, _) in enumerate(WAITING_BANDS)]
    return bands, totals.get("over_target", 0)


# --- Allocation -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def allocate_referral(request, reference):
    """Give the family to a practitioner in the team, or move them to another."""
    user = request.user
    referral = _get_referral(request, reference)
    _require(user, Permission.ALLOCATE_CASES)
    if referral.status not in ALLOCATABLE_STATUSES:
        messages.info(
            request,
            f"{referral.reference} is {referral.get_status_display().lower()}: "
            "accept it to the waiting list before you allocate it",
        )
        return redirect("referrals:detail", reference=referral.reference)

    practitioners = caseload_sizes(user.team)
    form = AllocationForm(
        request.POST if request.method == "POST" else None,
        practitioners=practitioners,
        initial={"practitioner": referral.allocated_to_id},
    )
    if form.is_bound and form.is_valid():
        practitioner = form.cleaned_data["practitioner"]
        try:
            allocate(referral=referral, practitioner=practitioner, by=user, request=request)
        except ReferralError as error:
            form.add_error("practitioner", str(error))
        else:
            messages.success(
                request, f"{referral.reference} is allocated to {practitioner.full_name}"
            )
            return redirect("referrals:detail", reference=referral.reference)
    context = {
        "referral": referral,
        "form": form,
        "has_practitioners": practitioners.exists(),
    }
    return render(request, "referrals/staff/allocate.html", context)
