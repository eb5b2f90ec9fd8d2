""" "Manage my appointment": no account, no JavaScript; the signed link is the key.

A tampered, expired or revoked link gets the same kind page (status 404) and
no details. Every request counts against a per-address limit, so links can't
be guessed by brute force.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from sessions.models import VisitState

from .. import family, ics, links, wording

RATE = "30/m"


def _limited(request):
    rate = getattr(settings, "APPOINTMENT_LINK_RATE", RATE)
    return is_ratelimited(
        request, group="appointment_link", key="ip", rate=rate, method=ALL, increment=True
    )


def _bad_link(request, status=404):
    return render(request, "scheduling/appointments/bad_link.html", status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    if _limited(request):
        response = render(request, "scheduling/appointments/too_many.html", status=429)
        response["Retry-After"] = "600"
        return response
    link = links.load(token)
    if link is None:
        return _bad_link(request)
    visit, caregiver = link.visit, link.caregiver
    service = visit.programme.referral.service
    refusal = family.why_not_manage(link)
    done, error = request.GET.get("done", ""), ""
    if request.method == "POST" and refusal is None:
        choice = request.POST.get("choice")
        message = request.POST.get("message", "").strip()
        if choice == "confirm":
            family.confirm(link=link, request=request)
            return redirect(f"{request.path}?done=confirmed")
        if choice == "rearrange":
            if not message:
                error = "Tell us which days and times suit you better"
            else:
                family.ask_to_rearrange(link=link, message=message[:2000], request=request)
                return redirect(f"{request.path}?done=rearrange")
        elif choice == "cancel":
            family.cancel(link=link, request=request)
            return _done_cancelled(request, service)
        elif not error:
            error = "Choose what you would like to do"
    context = {
        "service": service,
        "caregiver": caregiver,
        "kind": wording.KIND_NAMES.get(visit.kind, "visit"),
        "when": wording.when(visit),
        "where": wording.where(visit, caregiver),
        "with": wording.first_name(visit.practitioner),
        "refusal": refusal,
        "confirmed": link.confirmed_at is not None,
        "calendar": visit.state == VisitState.BOOKED,
        "token": token,
        "done": done,
        "error": error,
        "message": request.POST.get("message", "") if error else "",
    }
    return render(
        request, "scheduling/appointments/manage.html", context, status=400 if error else 200
    )


@never_cache
@require_safe
def calendar(request, token):
    """ "Add to your calendar": the invitation the SMTP email would attach (same UID
    and SEQUENCE), for families emailed or texted through Notify."""
    if _limited(request):
        response = render(request, "scheduling/appointments/too_many.html", status=429)
        response["Retry-After"] = "600"
        return response
    link = links.load(token)
    if link is None or link.visit.state != VisitState.BOOKED:
        return _bad_link(request)
    visit = link.visit
    invitation = ics.for_family(
        visit,
        link.caregiver,
        service=visit.programme.referral.service,
        sequence=ics.current_sequence(visit),
    )
    response = HttpResponse(invitation, content_type="text/calendar; charset=utf-8; method=REQUEST")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response


def _done_cancelled(request, service):
    return render(request, "scheduling/appointments/cancelled.html", {"service": service})
