"""The bytes of a clip (with Range) or a still, served exactly as films are.

Checked afresh on every request: the programme among those the person may see,
the moment within the film of that visit, the film's consent in force, and for
a VIG supervisor the family's consent to showing them clips (``sees_moments``).
A play is audited once per showing (the page's play token), not per byte range.
"""

from django.http import Http404, HttpResponseNotAllowed

from .. import actions
from ..models import MomentState
from ..moment_access import load_for_bytes, sees_moments
from ..storage import path_of
from ..streaming import file_response
from ..tokens import is_first_request, playback_of
from .media import _starts_playback

PLACES = {"analysis": "micro-analysis", "review": "shared review", "supervision": "supervision"}


def moment_play(request, reference, visit_id, film_id, moment_id):
    if request.method not in ("GET", "HEAD"):
        # Out of scope is still a 404, whatever the method.
        load_for_bytes(request, reference, visit_id, film_id, moment_id)
        return HttpResponseNotAllowed(["GET", "HEAD"])
    programme, moment = load_for_bytes(request, reference, visit_id, film_id, moment_id)
    if moment.state != MomentState.READY or not sees_moments(request.user, programme):
        raise Http404
    playback = playback_of(request.GET.get("t"), moment, request.user)
    if playback is None:
        raise Http404
    if moment.kind == "clip":
        if _starts_playback(request) and is_first_request(playback):
            where = PLACES.get(request.GET.get("w"), "micro-analysis")
            actions.record_moment_play(moment=moment, by=request.user, where=where, request=request)
        content_type = "video/mp4"
    else:
        if request.method == "GET" and is_first_request(playback):
            where = PLACES.get(request.GET.get("w"), "micro-analysis")
            actions.record_moment_play(moment=moment, by=request.user, where=where, request=request)
        content_type = "image/jpeg"
    return file_response(
        request,
        path_of(moment.file.name),
        content_type=content_type,
        etag=f'"{moment.public_id.hex}-{moment.cut_version}"',
        last_modified=moment.ready_at.timestamp(),
        accel_name=moment.file.name,
    )
