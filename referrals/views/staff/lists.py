"""The team's lists: the inbox to triage, and the waiting list.

Both start from ``Referral.objects.visible_to(user)``; the person's role is
checked first (403), then the method (405).
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.permissions import Permission, has_permission, permission_required
from reports.queries import waiting_summary

from ...models import Referral
from ...presenters import mark_inbox_rows, mark_waiting_rows
from ...queries import family_members
from ...rows import inbox_rows, waiting_rows
from .loading import page_of, visible_duplicates


@permission_required(Permission.TRIAGE_REFERRALS)
@require_safe
def inbox(request):
    """New referrals, and those waiting for more information, to triage."""
    page = page_of(request, Referral.objects.visible_to(request.user).inbox().with_names())
    referrals = family_members(list(page.object_list))
    mark_inbox_rows(referrals, visible_duplicates(request.user, referrals))
    context = {"page": page, "referrals": referrals, "rows": inbox_rows(referrals)}
    return render(request, "referrals/staff/inbox.html", context)


@permission_required(Permission.TRIAGE_REFERRALS)
@require_safe
def waiting_list(request):
    """Accepted referrals by priority then date received, with national waiting bands."""
    now = timezone.now()
    waiting = Referral.objects.visible_to(request.user).waiting_list()
    page = page_of(request, waiting.with_names())
    referrals = mark_waiting_rows(family_members(list(page.object_list)), now)
    bands, over_target = waiting_summary(waiting, now)
    can_allocate = has_permission(request.user, Permission.ALLOCATE_CASES)
    context = {
        "page": page,
        "referrals": referrals,
        "rows": waiting_rows(referrals, can_allocate),
        "bands": bands,
        "over_target": over_target,
    }
    return render(request, "referrals/staff/waiting_list.html", context)
