"""The bytes of a film: the player's stream, the poster, a recording's preview.

Every request is checked afresh: a signed-in person who may see the programme,
while the family's filming and keeping-the-film consent is in force. A play is
audited once per playback (``films.tokens``), not once per byte range.
"""

from django.http import Http404

from .. import actions
from ..access import film_bytes_view, get_upload, visit_films_page
from ..models import FilmState, Source
from ..storage import path_of
from ..streaming import file_response
from ..tokens import is_first_request, playback_of


def _keepable(programme):
    if not actions.film_may_be_kept(programme):
        raise Http404("The family's consent to keeping the film is not in force.")


def _starts_playback(request):
    """A player's first request asks for the start (Chrome ``bytes=0-``, Safari
    ``bytes=0-1``); seeking asks for the middle and is never a new playback."""
    if request.method != "GET":
        return False
    asked = request.headers.get("Range", "").replace(" ", "")
    return not asked or asked.startswith("bytes=0-")


@film_bytes_view
def play(request, programme, film):
    if film.state != FilmState.READY:
        raise Http404
    _keepable(programme)
    playback = playback_of(request.GET.get("t"), film, request.user)
    if playback is None:
        raise Http404
    if _starts_playback(request) and is_first_request(playback):
        actions.record_play(film=film, by=request.user, request=request)
    return file_response(
        request,
        path_of(film.file.name),
        content_type="video/mp4",
        etag=f'"{film.sha256[:32]}"',
        last_modified=film.ready_at.timestamp(),
        accel_name=film.file.name,
    )


@film_bytes_view
def poster(request, programme, film):
    if film.state != FilmState.READY or not film.poster:
        raise Http404
    _keepable(programme)
    return file_response(
        request,
        path_of(film.poster.name),
        content_type="image/jpeg",
        etag=f'"p{film.sha256[:31]}"',
        last_modified=film.ready_at.timestamp(),
        accel_name=film.poster.name,
    )


@visit_films_page(changes=True)
def preview(request, programme, visit, upload_id):
    """Play back a recording just made, from the server: nothing stays on the device."""
    upload = get_upload(visit, upload_id, request.user)
    film = upload.film
    if film.source != Source.RECORDING or film.state != FilmState.RECEIVING:
        raise Http404
    _keepable(programme)
    playback = playback_of(request.GET.get("t"), film, request.user)
    if playback is None:
        raise Http404
    if _starts_playback(request) and is_first_request(playback):
        actions.record_play(film=film, by=request.user, request=request, preview=True)
    path = path_of(film.original.name)
    return file_response(
        request,
        path,
        content_type=(upload.content_type or "video/webm").split(";")[0],
        etag=None,
        last_modified=path.stat().st_mtime,
    )
