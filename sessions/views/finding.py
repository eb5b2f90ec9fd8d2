"""Finding a family: the programmes that have ended, and a search by name or reference.

Both lists start from ``Programme.objects.visible_to(user)`` (in
``sessions.queries``), so a family out of the person's scope is never listed,
and both are paginated: the count, a page of families and two prefetches
(caregivers, children), however many families match.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.permissions import Permission, has_permission, permission_required

from ..forms.search import FamilySearchForm
from ..queries import closed_programmes, find_families

PER_PAGE = 25


def _page(request, programmes):
    return Paginator(programmes, PER_PAGE).get_page(request.GET.get("page"))


def _sees_others(user):
    """Whether the person's lists hold other guiders' families, so say whose."""
    return has_permission(user, Permission.VIEW_TEAM_CASES) or has_permission(
        user, Permission.VIEW_SUPERVISEE_CASES
    )


@permission_required(Permission.VIEW_OWN_CASELOAD)
@require_safe
def closed(request):
    """Programmes that have ended (completed or ended early), the latest first."""
    context = {
        "page": _page(request, closed_programmes(request.user)),
        "show_guider": _sees_others(request.user),
        "form": FamilySearchForm(),
    }
    return render(request, "sessions/caseload/closed.html", context)


@permission_required(Permission.VIEW_OWN_CASELOAD)
@require_safe
def search(request):
    """Families the person may see, open or ended, by name or reference.

    Asked nothing yet (no ``q``), the page shows the form alone; an empty or
    unusable search is told what to enter. Results keep the search in the
    pagination links.
    """
    form = FamilySearchForm(request.GET if "q" in request.GET else None)
    context = {"form": form, "page": None, "show_guider": _sees_others(request.user)}
    if form.is_bound and form.is_valid():
        query = form.data["q"].strip()
        page = _page(request, find_families(request.user, form.cleaned_data["q"]))
        context |= {"page": page, "query": query}
        if page.has_previous():
            context["previous_url"] = _search_url(query, page.previous_page_number())
        if page.has_next():
            context["next_url"] = _search_url(query, page.next_page_number())
    return render(request, "sessions/caseload/search.html", context)


def _search_url(query, page_number):
    return "?" + urlencode({"q": query, "page": page_number})
