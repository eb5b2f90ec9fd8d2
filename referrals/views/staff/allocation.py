"""Allocation: give the family to a practitioner in the team, or move them to another."""

from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.permissions import Permission
from reports.queries import caseload_sizes

from ...actions import ReferralError, allocate, record_view, why_not_allocate
from ...staff_forms import AllocationForm
from .loading import READ_AND_WRITE, referral_page


@referral_page(READ_AND_WRITE, permission=Permission.ALLOCATE_CASES)
def allocate_referral(request, referral):
    """Give the family to a practitioner in the team, or move them to another."""
    user = request.user
    if reason := why_not_allocate(referral):
        messages.info(request, reason)
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
    if request.method == "GET":
        record_view(referral=referral, by=user, request=request)
    context = {
        "referral": referral,
        "form": form,
        "has_practitioners": practitioners.exists(),
    }
    return render(request, "referrals/staff/allocate.html", context)
