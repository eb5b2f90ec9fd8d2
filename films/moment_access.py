"""Who sees a family's clips and stills, and loading them for the person asking.

The family's guider and the team's leads (those who change the programme) see
its clips and stills while the film may be kept. A trainee's VIG supervisor sees
them **only while the family's consent to showing clips to the supervisor is in
force**: otherwise, and the moment it is withdrawn, every clip URL answers 404
to them, as to anyone out of scope. Loading is scoped first (the programme
among those the person may see, the film within the visit, the moment within
the film), so an outsider gets 404 whatever the method.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from accounts.permissions import supervises
from consent.models import Scope
from consent.queries import allowed_now
from sessions.views.access import load_programme, may_change

from .actions import film_may_be_kept
from .models import Clip, Film, Still


def sees_moments(user, programme, allowed=None):
    """Whether ``user`` may see (and play) this family's clips and stills now."""
    allowed = allowed_now(programme) if allowed is None else allowed
    if not (allowed["filming"] and allowed["keep_film"]):
        return False
    if may_change(user, programme):
        return True
    return supervises(user, programme) and allowed[Scope.SUPERVISOR]


def film_page(*, changes=False, methods=("GET", "HEAD")):
    """Decorate a view taking ``(request, programme, film, **kwargs)``: a film's pages
    about its moments. Scope (404), then permission (403), then method (405)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, reference, visit_id, film_id, **kwargs):
            programme = load_programme(request, reference)
            # The film and its visit in one query, the visit only within the family.
            films = Film.objects.select_related("visit").filter(
                programme=programme, visit__public_id=visit_id
            )
            film = get_object_or_404(films, public_id=film_id)
            film.programme = film.visit.programme = programme
            if changes and not may_change(request.user, programme):
                raise PermissionDenied
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, programme, film, **kwargs)

        return wrapped

    return decorator


def get_moment(film, moment_id, *, live=True):
    """The clip or still ``moment_id`` of ``film`` (404 otherwise)."""
    for model in (Clip, Still):
        moments = model.objects.filter(film=film)
        if live:
            moments = moments.live()
        moment = moments.filter(public_id=moment_id).first()
        if moment is not None:
            moment.film, moment.programme = film, film.programme
            return moment
    raise Http404


def load_for_bytes(request, reference, visit_id, film_id, moment_id):
    """``(programme, moment)`` in four queries, without what the pages show: a player
    asks for many byte ranges. 404 for anything out of the person's scope."""
    from sessions.models import Programme

    programmes = Programme.objects.visible_to(request.user).select_related("referral", "guider")
    programme = get_object_or_404(programmes, referral__reference=reference)
    films = Film.objects.select_related("visit").filter(
        programme=programme, visit__public_id=visit_id
    )
    film = get_object_or_404(films, public_id=film_id)
    film.programme = film.visit.programme = programme
    return programme, get_moment(film, moment_id)


def keepable_or_404(programme):
    if not film_may_be_kept(programme):
        raise Http404("The family's consent to keeping the film is not in force.")
