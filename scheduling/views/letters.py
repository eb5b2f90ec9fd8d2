"""A letter for the guider to print and post (no Notify letters): theirs only,
and reading it is an audited view of the family's record."""

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone

from accounts.permissions import Permission, permission_required
from sessions.actions.programme import record_view
from sessions.forms.fields import long_date

from .. import queries


@permission_required(Permission.VIEW_OWN_CASELOAD)
def letter(request, letter_id):
    # Scope before method (ADR 0005): someone else's letter is not found, however asked.
    found = queries.letter_for(request.user, letter_id)
    if found is None:
        raise Http404("No such letter of yours.")
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    task = found.task
    if request.method == "GET":
        record_view(programme=task.programme, by=request.user, request=request)
    context = {
        "letter": found,
        "task": task,
        "service": task.programme.referral.service,
        "letter_date": long_date(timezone.localdate(found.created_at)),
    }
    return render(request, "scheduling/letter.html", context)
