"""Cutting clips and stills from a film's canonical copy (the Celery task's work).

ffmpeg with ``-ss`` *before* ``-i`` and a re-encode is exact (FILMS.md): it seeks
to the keyframe before the start and decodes only the gap, so a clip starts on
the frame asked for. A still is one JPEG frame at its time.

A task names the moment *and* the cut it was queued for (``cut_version``). It
does nothing unless that moment is still waiting for that cut, so a redelivered
task re-cuts nothing that is ready, and a task for times since changed gives
way to the newer one. ffmpeg writes to a temporary name, renamed into place, so
two deliveries at once never leave half a file; the first to finish wins.
"""

import os
import subprocess

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Clip, FilmState, MomentState, Still
from ..storage import ensure_moments_folder, moment_file_name, path_of, private_file
from .moments import Audit, audit_moment

MODELS = {"clip": Clip, "still": Still}
# One clip is at most a minute: a few minutes of one core is plenty.
TIME_LIMIT = 300


class CutFailed(Exception):
    pass


def clip_command(source, target, *, start_ms, end_ms):
    """The ffmpeg command for an exact, browser-safe clip (also used by bench/)."""
    return [
        settings.FFMPEG_BINARY,
        "-v", "error", "-nostdin",
        "-ss", f"{start_ms / 1000:.3f}",
        "-i", str(source),
        "-t", f"{(end_ms - start_ms) / 1000:.3f}",
        "-map", "0:v:0", "-map", "0:a:0?",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "128k",
        "-map_metadata", "-1", "-movflags", "+faststart",
        "-f", "mp4", "-y", str(target),
    ]  # fmt: skip


def still_command(source, target, *, at_ms):
    return [
        settings.FFMPEG_BINARY,
        "-v", "error", "-nostdin",
        "-ss", f"{at_ms / 1000:.3f}",
        "-i", str(source),
        "-frames:v", "1", "-q:v", "3",
        "-map_metadata", "-1", "-f", "image2", "-y", str(target),
    ]  # fmt: skip


def _run(args):
    result = subprocess.run(  # noqa: S603 — a fixed program and an argument list
        args, capture_output=True, timeout=TIME_LIMIT, check=False, stdin=subprocess.DEVNULL
    )
    if result.returncode != 0:
        raise CutFailed(result.stderr.decode(errors="replace")[-500:])


def _waiting(kind, pk, version):
    """The moment if it still waits for this cut, with its film ready; else None."""
    moment = (
        MODELS[kind]
        .objects.select_related("film", "programme__referral")
        .filter(pk=pk, state=MomentState.CUTTING, cut_version=version)
        .first()
    )
    if moment is None or moment.film.state != FilmState.READY:
        return None
    return moment


def cut(kind, pk, version):
    """The task's body: cut, then mark ready (or failed). Returns the new state or None."""
    moment = _waiting(kind, pk, version)
    if moment is None:
        return None
    source = path_of(moment.film.file.name)
    name = moment_file_name(moment)
    target = ensure_moments_folder(moment.film) / os.path.basename(name)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        if kind == "clip":
            _run(clip_command(source, partial, start_ms=moment.start_ms, end_ms=moment.end_ms))
        else:
            _run(still_command(source, partial, at_ms=moment.at_ms))
        if not partial.exists() or partial.stat().st_size == 0:
            raise CutFailed("ffmpeg wrote nothing")
        private_file(partial)
        os.replace(partial, target)
    except (CutFailed, subprocess.TimeoutExpired, OSError) as error:
        partial.unlink(missing_ok=True)
        return fail(moment, version, str(error))
    return accept(moment, version, name, target.stat().st_size)


@transaction.atomic
def accept(moment, version, name, size):
    model = type(moment)
    locked = model.objects.select_for_update().filter(pk=moment.pk).first()
    if locked is None or locked.state != MomentState.CUTTING or locked.cut_version != version:
        # Destroyed, changed again or already cut meanwhile: this file is not wanted,
        # unless it is the very file the moment already has.
        if locked is None or locked.file.name != name:
            path_of(name).unlink(missing_ok=True)
        return locked.state if locked else None
    locked.file.name = name
    locked.size = size
    locked.state = MomentState.READY
    locked.ready_at = timezone.now()
    locked.save(update_fields=["file", "size", "state", "ready_at"])
    locked.film, locked.programme = moment.film, moment.programme
    audit_moment(Audit.CUT, locked, label="clips cutting", size=size, version=version)
    return locked.state


@transaction.atomic
def fail(moment, version, detail):
    model = type(moment)
    locked = model.objects.select_for_update().filter(pk=moment.pk).first()
    if locked is None or locked.state != MomentState.CUTTING or locked.cut_version != version:
        return locked.state if locked else None
    locked.state = MomentState.FAILED
    locked.failure_reason = (
        "This could not be cut from the film. Change its times to try again, or remove it."
    )
    locked.save(update_fields=["state", "failure_reason"])
    locked.film, locked.programme = moment.film, moment.programme
    audit_moment(Audit.CUT_FAILED, locked, label="clips cutting", detail=detail[-300:])
    return locked.state
