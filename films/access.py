"""Loading a visit's films for the person asking: scoped first, so outsiders get 404.

The programme is found among those the person may see (``load_programme``), the
visit only within it and a film or upload only within the visit; anything else
is a 404, whatever the method. Adding or removing films needs ``may_change``
(the guider, or a team lead of the family's team): 403 for those who only see.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render

from sessions.actions import record_view
from sessions.models import Programme
from sessions.views.access import get_visit, load_programme, may_change
from sessions.views.pages import base_context

from .models import Film, FilmUpload


def visit_films_page(*, changes=False, methods=("GET", "HEAD")):
    """Decorate a view taking ``(request, programme, visit, **kwargs)``.

    The scope check comes before the method check, so a request out of scope is
    a 404 whatever its method.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, reference, visit_id, **kwargs):
            programme = load_programme(request, reference)
            visit = get_visit(programme, visit_id, "practitioner")
            visit.programme = programme
            # Scope, then permission, then method: as on the referral pages.
            if changes and not may_change(request.user, programme):
                raise PermissionDenied
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, programme, visit, **kwargs)

        return wrapped

    return decorator


def film_bytes_view(view):
    """Decorate a view taking ``(request, programme, film)`` that sends a film's bytes.

    The same scope as every films page (the programme among those the person may
    see, the film only within that family's visit) in two queries: a player asks
    for many byte ranges, and the family's names are not needed to send bytes.
    """

    @wraps(view)
    def wrapped(request, reference, visit_id, film_id):
        programmes = Programme.objects.visible_to(request.user).select_related("referral")
        programme = get_object_or_404(programmes, referral__reference=reference)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        films = Film.objects.select_related("visit").filter(
            programme=programme, visit__public_id=visit_id
        )
        film = get_object_or_404(films, public_id=film_id)
        film.programme = film.visit.programme = programme
        return view(request, programme, film)

    return wrapped


def get_film(visit, film_id):
    films = Film.objects.filter(visit=visit).select_related("filmed_by", "destruction")
    film = get_object_or_404(films, public_id=film_id)
    film.visit = visit
    film.programme = visit.programme
    return film


def get_upload(visit, upload_id, user):
    """An upload in progress, only for the person who started it."""
    uploads = FilmUpload.objects.select_related("film").filter(
        film__visit=visit, film__filmed_by=user
    )
    upload = get_object_or_404(uploads, public_id=upload_id)
    upload.film.visit = visit
    upload.film.programme = visit.programme
    upload.film.upload = upload
    return upload


def render_page(request, programme, template, *, audited=True, **context):
    """A page about the family; a GET of it is an audited view of their record
    (unless ``audited`` is False: a page refreshing itself, already recorded)."""
    if request.method == "GET" and audited:
        record_view(programme=programme, by=request.user, request=request)
    context.setdefault("retention_days", settings.FILM_RETENTION_DAYS)
    return render(request, template, base_context(programme, **context))


__all__ = [
    "film_bytes_view",
    "get_film",
    "get_upload",
    "may_change",
    "render_page",
    "visit_films_page",
]
