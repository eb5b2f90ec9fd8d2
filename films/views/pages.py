"""The films pages of a filming visit: the list, adding a film, a film, removing it.

Views load through ``films.access`` (scoped: 404 outside the person's
programmes), validate with ``films.forms`` and write through ``films.actions``;
a ``FilmError`` becomes a form error, in the domain's own words.
"""

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .. import actions, queries, wording
from ..access import get_film, may_change, render_page, visit_films_page
from ..forms import RemoveForm, UploadForm
from ..models import FilmState
from ..tokens import play_token
from ..uploads import TOO_LARGE_FLAG

# A page showing a film being checked asks again this often (seconds).
REFRESH_SECONDS = 5


def film_url(film):
    visit = film.visit
    return reverse("films:film", args=[visit.programme.reference, visit.public_id, film.public_id])


def _films_url(visit):
    return reverse("films:index", args=[visit.programme.reference, visit.public_id])


@visit_films_page()
def index(request, programme, visit):
    blocked = actions.why_not_add(visit, programme)
    return render_page(
        request,
        programme,
        "films/index.html",
        visit=visit,
        films=list(queries.films_of_visit(visit)),
        blocked=blocked,
        can_add=may_change(request.user, programme) and not blocked,
        destroy_date=queries.destroy_date(programme),
    )


@visit_films_page(changes=True, methods=("GET", "HEAD", "POST"))
def add(request, programme, visit):
    """Upload a film: a plain form that JavaScript turns into a resumable upload."""
    blocked = actions.why_not_add(visit, programme)
    status = 200
    form = UploadForm(initial={"key": uuid.uuid4()})
    if request.method == "POST" and not blocked:
        form = UploadForm(request.POST, request.FILES)
        if getattr(request, TOO_LARGE_FLAG, False):
            # The handler stopped reading the body: nothing was kept.
            form = UploadForm({"key": uuid.uuid4()}, {})
            form.full_clean()
            form.errors["film"] = form.error_class([wording.too_large()])
            status = 413
        elif form.is_valid():
            try:
                film = actions.receive_file(
                    visit=visit,
                    by=request.user,
                    uploaded_file=form.cleaned_data["film"],
                    key=form.cleaned_data["key"],
                    request=request,
                )
            except actions.FilmError as error:
                form.add_error("film", str(error))
            else:
                messages.success(request, "Film uploaded. It is being checked.")
                return redirect(film_url(film))
    response = render_page(
        request,
        programme,
        "films/add.html",
        visit=visit,
        form=form,
        blocked=blocked,
        unfinished=list(queries.unfinished_uploads(visit, request.user)),
        max_bytes=settings.FILM_MAX_UPLOAD_BYTES,
        max_seconds=settings.FILM_MAX_SECONDS,
        max_size=wording.max_size(),
        max_length=wording.max_length(),
    )
    response.status_code = status
    return response


@visit_films_page()
def film(request, programme, visit, film_id):
    film = get_film(visit, film_id)
    kept = actions.film_may_be_kept(programme)
    playable = film.state == FilmState.READY and kept
    return render_page(
        request,
        programme,
        "films/film.html",
        visit=visit,
        film=film,
        playable=playable,
        consent_lapsed=film.is_live and not kept,
        token=play_token(film, request.user) if playable else "",
        can_remove=may_change(request.user, programme) and film.is_live,
        destroy_date=queries.destroy_date(programme),
        refresh_seconds=REFRESH_SECONDS,
        duration=wording.duration_text(film.duration_seconds) if film.duration_seconds else "",
        size=wording.size_text(film.size) if film.size else "",
        picture=f"{film.width} × {film.height} pixels" if film.width else "",
        proof=getattr(film, "destruction", None),
    )


@visit_films_page()
def status(request, programme, visit, film_id):
    """Where a film has got to, for the page that waits while it is checked."""
    film = get_film(visit, film_id)
    response = JsonResponse({"state": film.state, "label": film.get_state_display()})
    response["Cache-Control"] = "no-store"
    return response


@visit_films_page(changes=True, methods=("GET", "HEAD", "POST"))
def remove(request, programme, visit, film_id):
    """A practitioner removes a film added by mistake: destroyed now, with proof."""
    film = get_film(visit, film_id)
    blocked = "" if film.is_live else "This film has already been removed or was not accepted."
    form = RemoveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not blocked and form.is_valid():
        try:
            actions.remove_film(
                film=film, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except actions.FilmError as error:
            form.add_error("reason", str(error))
        else:
            when = timezone.localtime().strftime("%-d %B %Y at %H:%M")
            messages.success(request, f"Film removed and destroyed on {when}")
            return redirect(_films_url(visit))
    return render_page(
        request, programme, "films/remove.html", visit=visit, film=film, form=form, blocked=blocked
    )
