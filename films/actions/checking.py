"""Checking a received film and making its one canonical copy (the Celery task's work).

probe → reject what isn't a film or is too long → decode every frame (a truncated
film probes fine) → transcode → verify the copy (H.264/AAC, upright, no tags) →
poster → SHA-256. Then, in one transaction: the film is ready, or rejected with
a plain-English reason; either way the original is deleted, and a rejected film
leaves no file at all. A claim on ``check_started_at`` makes a redelivered task
a no-op, and lets the sweep retry a check whose worker died.
"""

import subprocess
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .. import media, wording
from ..models import Film, FilmState
from ..storage import COPY, POSTER, ensure_folder, path_of, private_file, remove_folder
from .common import AuditAction, audit_film

MAX_ATTEMPTS = 3


def time_limit():
    """Seconds one check may take: generous for the longest film on a slow core."""
    return max(600, 6 * settings.FILM_MAX_SECONDS)


@dataclass
class Checked:
    source: media.Probe
    copy: media.Probe
    size: int
    sha256: str


def claim(film_id, now=None):
    """Take the film for checking; False if it is not waiting or someone has it."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=time_limit() + 60)
    return bool(
        Film.objects.filter(pk=film_id, state=FilmState.CHECKING)
        .filter(Q(check_started_at=None) | Q(check_started_at__lt=stale))
        .update(check_started_at=now, check_attempts=F("check_attempts") + 1)
    )


def _too_long(duration):
    return duration is not None and duration > settings.FILM_MAX_SECONDS + 0.5


def examine(film):
    """Everything slow, outside any transaction. Raises ``media.Unreadable``."""
    source = path_of(film.original.name)
    size = source.stat().st_size
    if size > settings.FILM_MAX_UPLOAD_BYTES:
        raise media.Unreadable(media.TOO_LARGE)
    if size == 0:
        raise media.Unreadable(media.NOT_A_VIDEO, "empty")
    budget = time_limit()
    probe = media.probe(source)
    if _too_long(probe.duration):
        raise media.Unreadable(media.TOO_LONG, duration=probe.duration)
    duration = media.decode(source, timeout=budget) or probe.duration
    if _too_long(duration):
        raise media.Unreadable(media.TOO_LONG, duration=duration)
    folder = ensure_folder(film)
    copy_path, poster_path = folder / COPY, folder / POSTER
    media.transcode(source, copy_path, frame_rate=probe.frame_rate, timeout=budget)
    copy = media.verify_copy(copy_path, expected_duration=duration)
    media.poster(copy_path, poster_path, at=min(1.0, (copy.duration or duration or 0) / 2))
    for path in (copy_path, poster_path):
        private_file(path)
    return Checked(
        source=probe, copy=copy, size=copy_path.stat().st_size, sha256=media.sha256_of(copy_path)
    )


def check_film(film_id):
    """The task's body. Returns the film's new state, or None if it wasn't ours."""
    if not claim(film_id):
        return None
    film = Film.objects.select_related("programme__referral").get(pk=film_id)
    try:
        checked = examine(film)
    except media.Unreadable as error:
        return reject(film, wording.rejection(error.code, duration=error.duration), error)
    except subprocess.TimeoutExpired as error:
        return reject(film, wording.CHECK_TOOK_TOO_LONG, error)
    except FileNotFoundError as error:  # destroyed while we waited
        return reject(film, wording.rejection(media.NOT_CONVERTED), error)
    return accept(film, checked)


def _locked(film):
    return Film.objects.select_for_update().select_related("programme__referral").get(pk=film.pk)


@transaction.atomic
def accept(film, checked):
    film = _locked(film)
    if film.state != FilmState.CHECKING:  # destroyed while it was checked
        remove_folder(film.folder)
        return film.state
    original = path_of(film.original.name)
    now = timezone.now()
    film.original_container = checked.source.container
    film.original_codecs = checked.source.codecs[:200]
    film.duration_seconds = checked.copy.duration
    film.width, film.height = checked.copy.width, checked.copy.height
    rate = checked.copy.frame_rate
    film.frame_rate = float(rate) if rate else None
    film.size = checked.size
    film.sha256 = checked.sha256
    film.file.name = f"{film.folder}/{COPY}"
    film.poster.name = f"{film.folder}/{POSTER}"
    film.original = ""
    film.state = FilmState.READY
    film.ready_at = now
    film.save()
    audit_film(
        AuditAction.READY,
        film,
        label="films checking",
        size=film.size,
        sha256=film.sha256,
        duration=film.duration_seconds,
        source={"container": film.original_container, "codecs": film.original_codecs},
    )
    # The copy is verified: the original goes, as the last step of the transaction.
    original.unlink(missing_ok=True)
    return film.state


@transaction.atomic
def reject(film, reason, error=None):
    """Not accepted: say why, and keep no file. Idempotent."""
    film = _locked(film)
    if film.state != FilmState.CHECKING:
        return film.state
    film.state = FilmState.REJECTED
    film.rejection_reason = reason
    film.rejected_at = timezone.now()
    film.original = ""
    film.save(update_fields=["state", "rejection_reason", "rejected_at", "original"])
    audit_film(
        AuditAction.REJECTED,
        film,
        label="films checking",
        problem=getattr(error, "code", type(error).__name__ if error else ""),
        detail=str(getattr(error, "detail", ""))[-300:],
    )
    remove_folder(film.folder)
    return film.state
