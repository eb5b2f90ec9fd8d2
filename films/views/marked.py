"""Clips marked for group supervision or training (namespace "supervision"): the
list, and each clip's bytes. For the team's leads and VIG supervisors only
(``films.marked``); 404 for anyone else, and for a clip whose family's consent
to that use is not in force — checked again on every request, byte ranges too.
"""

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse

from .. import actions
from ..marked import USES, marked_clip, marked_clips, uses_marked
from ..presenters import MomentItem
from ..storage import path_of
from ..streaming import file_response
from ..tokens import is_first_request, play_token, playback_of
from .media import _starts_playback

SAFE = ("GET", "HEAD")


def marked(request):
    if not uses_marked(request.user):
        raise Http404
    if request.method not in SAFE:
        return HttpResponseNotAllowed(SAFE)
    found = marked_clips(request.user)
    sections = []
    for use, (_, _, label) in USES.items():
        items = []
        for clip in found[use]:
            item = MomentItem(clip)
            url = reverse("supervision:marked_play", args=[clip.public_id])
            item.play_url = f"{url}?t={play_token(clip, request.user)}&w={use}"
            items.append(item)
        sections.append((use, label, items))
    return render(request, "films/supervision/marked.html", {"sections": sections})


def marked_play(request, clip_id):
    clip = marked_clip(request.user, clip_id)
    if clip is None:
        raise Http404
    if request.method not in SAFE:
        return HttpResponseNotAllowed(SAFE)
    playback = playback_of(request.GET.get("t"), clip, request.user)
    if playback is None:
        raise Http404
    if _starts_playback(request) and is_first_request(playback):
        where = "training" if request.GET.get("w") == "training" else "group supervision"
        actions.record_moment_play(moment=clip, by=request.user, where=where, request=request)
    return file_response(
        request,
        path_of(clip.file.name),
        content_type="video/mp4",
        etag=f'"{clip.public_id.hex}-{clip.cut_version}"',
        last_modified=clip.ready_at.timestamp(),
        accel_name=clip.file.name,
    )
