"""The referral page, and two possible duplicates side by side: the same family
(linked), or different families."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.permissions import Permission, has_permission

from ...actions import (
    ReferralError,
    can_allocate,
    can_link,
    can_mark_different,
    can_triage,
    kept_and_duplicate,
    link_duplicate,
    mark_different_families,
    record_view,
)
from ...duplicates import are_different_families, is_possible_duplicate, links_of
from ...models import Referral
from ...presenters import comparison
from .loading import READ, READ_AND_WRITE, referral_page, require, visible_duplicates

WRITE = ("POST",)


@referral_page(READ, with_history=True)
def referral_detail(request, referral):
    """Everything the family and referrer said, and what the team has done since."""
    user = request.user
    if request.method == "GET":
        record_view(referral=referral, by=user, request=request)
    kept_ids, duplicate_ids = links_of(referral)
    linked = (
        list(
            Referral.objects.visible_to(user)
            .filter(pk__in=[*kept_ids, *duplicate_ids])
            .order_by("received_at")
        )
        if kept_ids or duplicate_ids
        else []
    )
    context = {
        "referral": referral,
        "possible_duplicates": visible_duplicates(user, [referral]).get(referral.pk, []),
        "linked": linked,
        "duplicate_of": [other for other in linked if other.pk in kept_ids],
        "duplicates": [other for other in linked if other.pk in duplicate_ids],
        "can_triage": has_permission(user, Permission.TRIAGE_REFERRALS) and can_triage(referral),
        "can_allocate": has_permission(user, Permission.ALLOCATE_CASES) and can_allocate(referral),
    }
    return render(request, "referrals/staff/detail.html", context)


def _pair_decided(referral, other):
    """``(linked, different)``: what the team has decided about this pair, if anything."""
    kept_ids, duplicate_ids = links_of(referral)
    linked = other.pk in kept_ids or other.pk in duplicate_ids
    return linked, not linked and are_different_families(referral, other)


@referral_page(READ_AND_WRITE)
def compare_duplicates(request, referral, other):
    """Two referrals that may be the same family, side by side; link them if so."""
    user = request.user
    already_linked, different = _pair_decided(referral, other)
    if not (already_linked or different) and not is_possible_duplicate(referral, other):
        raise Http404("These referrals are not possible duplicates.")

    if request.method == "POST":
        require(user, Permission.TRIAGE_REFERRALS)
        try:
            link = link_duplicate(referral=referral, other=other, by=user, request=request)
        except ReferralError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"{referral.reference} and {other.reference} are linked as one family: "
                f"{link.duplicate.reference} is a duplicate of {link.referral.reference}",
            )
        return redirect("referrals:detail", reference=referral.reference)

    if request.method == "GET":
        record_view(referral=referral, by=user, request=request)
        record_view(referral=other, by=user, request=request)
    triager = has_permission(user, Permission.TRIAGE_REFERRALS)
    kept, duplicate = kept_and_duplicate(referral, other)
    context = {
        "referral": referral,
        "other": other,
        "rows": comparison(referral, other),
        "already_linked": already_linked,
        "different": different,
        "kept": kept,
        "duplicate": duplicate,
        "can_link": triager and not already_linked and can_link(referral, other),
        "can_mark_different": triager and not different and can_mark_different(referral, other),
    }
    return render(request, "referrals/staff/compare.html", context)


@referral_page(WRITE, permission=Permission.TRIAGE_REFERRALS)
def different_families(request, referral, other):
    """ "These are different families": the pair is never flagged again."""
    already_linked, different = _pair_decided(referral, other)
    if not (already_linked or different) and not is_possible_duplicate(referral, other):
        raise Http404("These referrals are not possible duplicates.")
    try:
        mark_different_families(referral=referral, other=other, by=request.user, request=request)
    except ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"{referral.reference} and {other.reference} are different families. "
            "They will not be flagged as possible duplicates again",
        )
    return redirect("referrals:detail", reference=referral.reference)
