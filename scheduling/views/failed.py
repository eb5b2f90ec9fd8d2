"""Failed work and messages for the team lead (ADR 0013): listed, and tried again.

Team leads see their team's families' rows, service admins their service's
teams'; everyone else is refused (403, as for reports). "Try again" posts the
row to this same page: a row outside the person's reach is not found (404); a
row no longer failed (a double submit, a colleague first) changes nothing.
"""

import re

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.permissions import Permission, permission_required

from .. import actions, presenters, queries

FIND = {"work": queries.work_within_reach, "message": queries.messages_within_reach}


@permission_required(Permission.RETRY_FAILED_WORK)
@require_http_methods(["GET", "HEAD", "POST"])
def failed(request):
    error = ""
    if request.method == "POST":
        error = _try_again(request)
        if not error:
            return redirect(request.get_full_path())
    context = presenters.failed_page(request.user, request.GET)
    return render(
        request, "scheduling/failed.html", {**context, "error": error}, status=400 if error else 200
    )


def _try_again(request):
    """Try the posted row again; returns an error to show, or "" when done."""
    kind, number = request.POST.get("kind", ""), request.POST.get("row", "")
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if kind not in FIND or not re.fullmatch(r"[0-9]{1,18}", number):
        return "Choose a row to try again, using its Try again button"
    row = FIND[kind](request.user).filter(pk=int(number)).first()
    if row is None:
        raise Http404("No such failed work of your team's.")
    try:
        if kind == "work":
            changed = actions.retry_work(work=row, by=request.user, request=request)
        else:
            changed = actions.retry_message(message=row, by=request.user, request=request)
    except actions.TaskError as refusal:
        return str(refusal)
    if changed:
        messages.success(request, "It will be tried again within a minute.")
    else:
        messages.info(request, "That was already being tried again: nothing more to do.")
    return ""
