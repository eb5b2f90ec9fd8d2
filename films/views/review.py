"""The shared review player: the clips and stills of the filming visit a shared
review looks back at, one at a time, for the parent to watch with the guider.

Without JavaScript it is a list of players with a form noting which were shown
and what the parent noticed in each; the script turns the list into one large
player with the keyboard (→ next, ← previous, Space, f for full screen).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from consent.queries import allowed_now
from sessions.models import VisitKind
from sessions.queries import active_goals
from sessions.views.access import get_visit, programme_page
from sessions.views.pages import render_page

from ..actions import FilmError, film_may_be_kept
from ..actions.review import filming_visit_reviewed, moments_of_visit, record_shown, shown_at
from ..presenters import REVIEW_SHORTCUTS, moment_items

NOTICED_MAX = 2000


def _field(item):
    return f"{item.kind}-{item.moment.public_id}"


@programme_page(methods=("GET", "POST"), changes=True)
def review_player(request, programme, visit_id):
    visit = get_visit(programme, visit_id, "shared_review__filming_visit")
    if visit.kind != VisitKind.SHARED_REVIEW:
        raise Http404
    filming_visit = filming_visit_reviewed(visit)
    kept = film_may_be_kept(programme, allowed_now(programme))
    moments = moments_of_visit(filming_visit) if kept else []
    for moment in moments:
        moment.programme = moment.film.programme = programme
    items = moment_items(moments, request.user, where="review")
    recorded = shown_at(visit)
    for item in items:
        item.field = _field(item)
        row = recorded.get((item.kind, item.moment.pk))
        item.was_shown = row is not None
        item.noticed = row.parent_noticed if row else ""
    problem = ""
    if request.method == "POST":
        shown = {
            (item.kind, item.moment): request.POST.get(f"noticed-{item.field}", "")[:NOTICED_MAX]
            for item in items
            if request.POST.get(f"shown-{item.field}")
        }
        try:
            count = record_shown(visit=visit, shown=shown, by=request.user, request=request)
        except FilmError as error:
            problem = str(error)
        else:
            messages.success(request, f"Recorded what was shown ({count} clips and stills)")
            return redirect(visit)
    return render_page(
        request,
        programme,
        "films/review_player.html",
        visit=visit,
        filming_visit=filming_visit,
        items=items,
        kept=kept,
        problem=problem,
        questions=[goal.helping_question for goal in active_goals(programme)],
        shortcuts=REVIEW_SHORTCUTS,
    )
