"""The referral page, and two possible duplicates side by side (and linking them)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.permissions import Permission, has_permission

from ...actions import (
    ReferralError,
    can_allocate,
    can_link,
    can_triage,
    link_duplicate,
    record_view,
)
from ...duplicates import is_possible_duplicate, linked_referrals
from ...models import Referral
from ...presenters import comparison
from .loading import READ, READ_AND_WRITE, referral_page, require, visible_duplicates


@referral_page(READ, with_history=True)
def referral_detail(request, referral):
    """Everything the family and referrer said, and what the team has done since."""
    user = request.user
    if request.method == "GET":
        record_view(referral=referral, by=user, request=request)
    linked_ids = linked_referrals(referral)
    linked = (
        Referral.objects.visible_to(user).filter(pk__in=linked_ids).order_by("received_at")
        if linked_ids
        else []
    )
    context = {
        "referral": referral,
        "possible_duplicates": visible_duplicates(user, [referral]).get(referral.pk, []),
        "linked": linked,
        "can_triage": has_permission(user, Permission.TRIAGE_REFERRALS) and can_triage(referral),
        "can_allocate": has_permission(user, Permission.ALLOCATE_CASES) and can_allocate(referral),
    }
    return render(request, "referrals/staff/detail.html", context)


@referral_page(READ_AND_WRITE)
def compare_duplicates(request, referral, other):
    """Two referrals that may be the same family, side by side; link them if so."""
    user = request.user
    already_linked = other.pk in linked_referrals(referral)
    if not already_linked and not is_possible_duplicate(referral, other):
        raise Http404("These referrals are not possible duplicates.")

    if request.method == "POST":
        require(user, Permission.TRIAGE_REFERRALS)
        try:
            link_duplicate(referral=referral, other=other, by=user, request=request)
        except ReferralError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"{referral.reference} and {other.reference} are linked as one family"
            )
        return redirect("referrals:detail", reference=referral.reference)

    if request.method == "GET":
        record_view(referral=referral, by=user, request=request)
        record_view(referral=other, by=user, request=request)
    context = {
        "referral": referral,
        "other": other,
        "rows": comparison(referral, other),
        "already_linked": already_linked,
        "can_link": has_permission(user, Permission.TRIAGE_REFERRALS) and can_link(referral, other),
    }
    return render(request, "referrals/staff/compare.html", context)
