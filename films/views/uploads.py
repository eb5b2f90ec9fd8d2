"""The resumable upload's endpoints, called by static/js/films/upload.js and record.js.

    POST   …/films/uploads/               start (or find again by key) → 201 {upload, offset}
    GET    …/films/uploads/<id>/          where it has got to → {offset} and Upload-Offset
    PATCH  …/films/uploads/<id>/          one chunk; header Upload-Offset → {offset}; 409
                                          {offset} when the chunk isn't the next one
    POST   …/films/uploads/<id>/finish/   a recording is complete → {film}
    DELETE …/films/uploads/<id>/          stop and delete what arrived

Answers are JSON; an error carries the domain's own words in ``error``.
docs/adr/0007-film-uploads.md explains the choice.
"""

import uuid

from django.http import JsonResponse
from django.urls import reverse

from .. import actions, wording
from ..access import get_upload, visit_films_page
from ..models import FilmState, Source
from ..tokens import play_token

# What the page sends per request, and the most the server takes in one.
CHUNK_BYTES = 4 * 1024 * 1024
MAX_CHUNK_BYTES = 16 * 1024 * 1024


def _json(data, status=200, offset=None):
    response = JsonResponse(data, status=status)
    response["Cache-Control"] = "no-store"
    if offset is not None:
        response["Upload-Offset"] = str(offset)
    return response


def _error(message, status=400):
    return _json({"error": message}, status=status)


def _failed(error):
    if isinstance(error, actions.WrongOffset):
        return _json({"offset": error.offset, "busy": isinstance(error, actions.Busy)}, 409)
    status = 413 if str(error) == wording.too_large() else 400
    return _error(str(error), status)


def _describe(film, request):
    visit = film.visit
    args = [visit.programme.reference, visit.public_id]
    upload = film.upload
    data = {
        "upload": reverse("films:upload", args=[*args, upload.public_id]),
        "offset": upload.offset,
        "length": upload.length,
        "state": film.state,
        "film": reverse("films:film", args=[*args, film.public_id]),
        "chunk": CHUNK_BYTES,
    }
    if film.source == Source.RECORDING:
        token = play_token(film, request.user)
        data["preview"] = (
            reverse("films:upload_preview", args=[*args, upload.public_id]) + f"?t={token}"
        )
    return data


def _int(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


@visit_films_page(changes=True, methods=("POST",))
def start(request, programme, visit):
    try:
        key = uuid.UUID(request.POST.get("key", ""))
    except ValueError:
        return _error("Reload the page and choose the film again.")
    source = request.POST.get("source", Source.UPLOAD)
    if source not in Source.values:
        return _error("Reload the page and choose the film again.")
    size = _int(request.POST.get("size"))
    if source == Source.UPLOAD and size is None:
        return _error(wording.NO_FILE)
    try:
        film = actions.start_upload(
            visit=visit,
            by=request.user,
            key=key,
            name=request.POST.get("name", "")[:255] or "Recording",
            length=size,
            content_type=request.POST.get("type", ""),
            source=source,
            request=request,
        )
    except actions.FilmError as error:
        return _failed(error)
    created = film.state == FilmState.RECEIVING and film.upload.offset == 0
    return _json(_describe(film, request), status=201 if created else 200)


@visit_films_page(changes=True, methods=("GET", "HEAD", "PATCH", "DELETE"))
def upload(request, programme, visit, upload_id):
    upload = get_upload(visit, upload_id, request.user)
    film = upload.film
    if request.method == "DELETE":
        reason = (
            wording.RECORDING_DISCARDED
            if film.source == Source.RECORDING
            else wording.UPLOAD_CANCELLED
        )
        actions.discard_upload(film=film, reason=reason, by=request.user, request=request)
        return _json({"state": FilmState.REJECTED}, status=200)
    if request.method == "PATCH":
        offset = _int(request.headers.get("Upload-Offset"))
        length = _int(request.META.get("CONTENT_LENGTH"))
        if offset is None:
            return _error("Upload-Offset header missing.")
        if not length:
            return _error("Content-Length header missing.", 411)
        if length > MAX_CHUNK_BYTES:
            return _error("Chunk too large.", 413)
        try:
            actions.receive_chunk(
                film=film, request=request, offset=offset, length=length, by=request.user
            )
        except actions.FilmError as error:
            return _failed(error)
        film.refresh_from_db(fields=["state"])
        upload.refresh_from_db()
    data = _describe(film, request)
    return _json(data, offset=data["offset"])


@visit_films_page(changes=True, methods=("POST",))
def finish(request, programme, visit, upload_id):
    upload = get_upload(visit, upload_id, request.user)
    try:
        film = actions.finish_upload(film=upload.film, by=request.user, request=request)
    except actions.FilmError as error:
        return _failed(error)
    film.visit = visit
    film.upload = upload
    upload.refresh_from_db()
    return _json(_describe(film, request))
