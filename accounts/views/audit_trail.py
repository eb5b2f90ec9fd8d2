"""The team lead's audit trail: who did what, and when, in words."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import audit, queries
from ..audit.presenters import trail_rows
from ..forms import AuditTrailFilterForm
from ..models import AuditAction
from ..permissions import Permission, permission_required

AUDIT_EVENTS_PER_PAGE = 50


# Permission first (403 for anyone else), then the method (405 for a POST).
@permission_required(Permission.VIEW_AUDIT_TRAIL)
@require_safe
def audit_trail(request):
    """The team's audit trail, newest first, 50 a page. Reading it is audited too."""
    user = request.user
    filter_params = {k: v for k, v in request.GET.items() if k != "page"}
    form = AuditTrailFilterForm(filter_params or None, colleagues=queries.colleagues_of(user))
    filters = form.filters()

    events = queries.audit_trail(user, **filters)
    page = Paginator(events, AUDIT_EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = trail_rows(user, list(page.object_list))

    audit.record(
        AuditAction.AUDIT_VIEWED,
        actor=user,
        request=request,
        details={**_describe_filters(filters), "page": page.number},
    )
    querystring = urlencode(filter_params)
    context = {
        "form": form,
        "rows": rows,
        "page": page,
        "previous_url": _page_url(querystring, page.previous_page_number())
        if page.has_previous()
        else "",
        "next_url": _page_url(querystring, page.next_page_number()) if page.has_next() else "",
        "filtered": any(filters.values()),
    }
    return render(request, "accounts/audit_trail.html", context)


def _page_url(querystring, number):
    return f"?{querystring}&page={number}" if querystring else f"?page={number}"


def _describe_filters(filters):
    described = {}
    for name, value in filters.items():
        if not value:
            continue
        if name == "person":
            described["person_id"] = value.pk
            described["person_email"] = value.email
        elif hasattr(value, "isoformat"):
            described[name] = value.isoformat()
        else:
            described[name] = value
    return described
