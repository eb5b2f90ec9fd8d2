"""The films sweep: every 15 minutes (Celery beat), and from ``manage.py sweep``.

It works out what to do from the database and the disk, never from events that
may have been lost (a worker down when consent was withdrawn, a broker outage
when a check was queued):

1. consent — every family with films whose filming or keeping-the-film consent
   is no longer in force: their films are destroyed (why: withdrawal);
2. retention — films of programmes that ended FILM_RETENTION_DAYS ago or more;
3. uploads left unfinished for FILM_UPLOAD_ABANDON_HOURS: deleted;
4. checks never started, or whose worker died: queued again, or after three
   tries rejected;
5. files on disk that belong to no live film (a check that finished after its
   film was destroyed, a request that died mid-upload), and clip or still files
   in a kept film's ``moments/`` folder that belong to no live clip or still (one
   destroyed or removed whose file could not be unlinked then, an older cut, a
   cut whose worker died): deleted.

``dry_run`` lists the same work without doing any of it.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from sessions.models import Programme

from . import wording
from .actions import destroy_film, destroy_unconsented, discard_upload
from .actions.checking import MAX_ATTEMPTS, reject, time_limit
from .actions.destruction import SWEEP
from .models import LIVE_STATES, Clip, Film, FilmState, MomentState, Still, Why
from .storage import COPY, MOMENTS, POSTER, UPLOADS, path_of, remove_folder

# Files younger than this may belong to a request still being served.
ORPHAN_AGE = timedelta(hours=1)
# A check queued this long ago and never started was lost on the way.
LOST_CHECK = timedelta(minutes=10)


@dataclass
class Step:
    what: str
    film: Film | None = None
    detail: str = ""

    def __str__(self):
        about = ""
        if self.film is not None:
            about = f" film {self.film.public_id} of {self.film.programme.reference}"
        return f"{self.what}{about}{' (' + self.detail + ')' if self.detail else ''}"


def sweep(*, now=None, dry_run=False):
    now = now or timezone.now()
    steps = []
    seen = set()
    for step in (
        *_consent(dry_run),
        *_retention(now, dry_run),
        *_abandoned_uploads(now, dry_run),
        *_checks(now, dry_run),
        *_orphans(now, dry_run),
    ):
        # A dry run may find a film twice (no consent *and* past retention).
        key = ("film", step.film.pk) if step.film else ("file", step.detail)
        if key not in seen:
            seen.add(key)
            steps.append(step)
    return steps


def _verb(dry_run, done, planned):
    return planned if dry_run else done


def _consent(dry_run):
    programmes = Programme.objects.filter(films__state__in=LIVE_STATES).select_related("referral")
    for programme in programmes.distinct():
        for film in destroy_unconsented(programme, label=SWEEP, dry_run=dry_run):
            film.programme = programme
            yield Step(_verb(dry_run, "Destroyed", "Would destroy"), film, Why.WITHDRAWAL.label)


def _retention(now, dry_run):
    cutoff = timezone.localdate(now) - timedelta(days=settings.FILM_RETENTION_DAYS)
    films = Film.objects.live().filter(programme__ended_on__lte=cutoff)
    for film in films.select_related("programme__referral"):
        if not dry_run:
            destroy_film(film=film, why=Why.RETENTION, label=SWEEP)
        yield Step(_verb(dry_run, "Destroyed", "Would destroy"), film, Why.RETENTION.label)


def _abandoned_uploads(now, dry_run):
    idle = now - timedelta(hours=settings.FILM_UPLOAD_ABANDON_HOURS)
    films = Film.objects.filter(state=FilmState.RECEIVING, upload__last_activity_at__lt=idle)
    for film in films.select_related("programme__referral"):
        if not dry_run:
            discard_upload(film=film, reason=wording.UPLOAD_NOT_FINISHED, label=SWEEP)
        yield Step(_verb(dry_run, "Deleted", "Would delete"), film, "upload left unfinished")


def _checks(now, dry_run):
    from .tasks import check_film

    lost = Film.objects.filter(
        state=FilmState.CHECKING, check_started_at=None, received_at__lt=now - LOST_CHECK
    )
    stale = Film.objects.filter(
        state=FilmState.CHECKING,
        check_started_at__lt=now - timedelta(seconds=time_limit() + 60),
    )
    for film in (lost | stale).select_related("programme__referral"):
        if film.check_attempts >= MAX_ATTEMPTS:
            if not dry_run:
                reject(film, wording.CHECK_TOOK_TOO_LONG)
            yield Step(_verb(dry_run, "Rejected", "Would reject"), film, "check kept failing")
        else:
            if not dry_run:
                check_film.delay(film.pk)
            yield Step(_verb(dry_run, "Queued", "Would queue"), film, "check again")


def _older_than(path, now, age=ORPHAN_AGE):
    modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return modified < now - age


def _orphans(now, dry_run):
    root = path_of("")
    if not root.exists():
        return
    folders = {}
    for entry in root.iterdir():
        if entry.is_dir() and entry.name != UPLOADS:
            try:
                folders[uuid.UUID(entry.name)] = entry
            except ValueError:
                folders[entry.name] = entry
    ids = [key for key in folders if isinstance(key, uuid.UUID)]
    live = dict(Film.objects.filter(public_id__in=ids).live().values_list("public_id", "state"))
    deleted = _verb(dry_run, "Deleted", "Would delete")
    kept = _moment_files([key for key, state in live.items() if state == FilmState.READY])
    for key, folder in folders.items():
        if key not in live and _older_than(folder, now):
            if not dry_run:
                remove_folder(folder.name)
            yield Step(deleted, None, f"files {folder.name}/")
        elif live.get(key) == FilmState.READY:
            for stray in folder.iterdir():  # an original whose deletion was interrupted
                if stray.name not in (COPY, POSTER, MOMENTS) and _older_than(stray, now):
                    if not dry_run:
                        stray.unlink(missing_ok=True)
                    yield Step(deleted, None, f"file {folder.name}/{stray.name}")
            yield from _stray_moments(folder, kept, now, dry_run, deleted)
    uploads = root / UPLOADS
    if uploads.exists():
        # Request bodies left by processes that died mid-upload (a live one is
        # written to as it streams, so its file is never a day old).
        for partial in uploads.iterdir():
            if partial.is_file() and _older_than(partial, now, timedelta(days=1)):
                if not dry_run:
                    partial.unlink(missing_ok=True)
                yield Step(deleted, None, f"file {UPLOADS}/{partial.name}")


def _moment_files(film_ids):
    """The file names of the live clips and stills of these films: two queries."""
    names = set()
    for model in (Clip, Still):
        rows = model.objects.filter(film__public_id__in=film_ids).exclude(
            state=MomentState.DESTROYED
        )
        names.update(rows.exclude(file="").values_list("file", flat=True))
    return names


def _stray_moments(folder, kept, now, dry_run, deleted):
    """Files in a kept film's ``moments/`` folder that no live clip or still names.
    A young one may be a cut being written, or renamed into place and not yet
    recorded: left for a later sweep."""
    moments = folder / MOMENTS
    if not moments.is_dir():
        return
    for stray in moments.iterdir():
        name = f"{folder.name}/{MOMENTS}/{stray.name}"
        if name not in kept and _older_than(stray, now):
            if not dry_run:
                stray.unlink(missing_ok=True)
            yield Step(deleted, None, f"file {name}")
