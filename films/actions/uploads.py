"""Taking a film in: a resumable upload in chunks, a plain form's file, and plays.

A resumable upload (docs/adr/0007-film-uploads.md) makes its ``Film`` at once, in
state ``receiving``, with a ``FilmUpload`` that counts the bytes. Chunks are
written outside any transaction (a chunk may take a minute on poor Wi-Fi), under
a short lease claimed with one atomic update. When the last byte arrives the
film moves to ``checking`` and the check is queued after commit.
"""

import os
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .. import wording
from ..models import Film, FilmState, FilmUpload, Source
from ..storage import ORIGINAL, ensure_folder, path_of, private_file, remove_folder
from ..uploads import append_body
from .common import AuditAction, FilmError, audit_film, why_not_add

# How long one chunk may hold its upload: a few MB over slow Wi-Fi.
LEASE = timedelta(minutes=2)


class WrongOffset(FilmError):
    """The chunk doesn't start where the upload has got to; ``offset`` says where."""

    def __init__(self, offset):
        super().__init__(f"The upload has {offset} bytes; send the rest from there.")
        self.offset = offset


class Busy(WrongOffset):
    """Another request is writing this upload right now."""


def _check_key(film, *, visit, by, name, length):
    if film.visit_id != visit.pk or film.filmed_by_id != by.pk:
        raise FilmError("This upload belongs to another film. Reload the page and try again.")
    if film.original_name != name[:255] or film.upload.length not in (None, length):
        raise FilmError("This upload was started for another file. Reload the page.")
    return film


def start_upload(
    *, visit, by, key, name, length=None, content_type="", source=Source.UPLOAD, request=None
):
    """Begin (or, with the same ``key``, find again) the resumable upload of one film."""
    programme = visit.programme
    reason = why_not_add(visit, programme)
    if reason:
        raise FilmError(reason)
    if source == Source.UPLOAD and not length:
        raise FilmError(wording.EMPTY_FILE)
    if length is not None and length > settings.FILM_MAX_UPLOAD_BYTES:
        raise FilmError(wording.too_large())
    existing = Film.objects.select_related("upload").filter(upload_key=key).first() if key else None
    if existing is not None:
        return _check_key(existing, visit=visit, by=by, name=name, length=length)
    now = timezone.now()
    try:
        with transaction.atomic():
            film = Film(
                programme=programme,
                visit=visit,
                source=source,
                upload_key=key,
                filmed_by=by,
                filmed_at=now if source == Source.RECORDING else visit.starts_at,
                original_name=name[:255],
                original_size=length,
            )
            film.original.name = f"{film.folder}/{ORIGINAL}"
            film.save()
            FilmUpload.objects.create(
                film=film, length=length, content_type=content_type[:100], started_at=now
            )
            audit_film(
                AuditAction.UPLOAD_STARTED,
                film,
                by=by,
                request=request,
                source=source,
                name=film.original_name,
                length=length,
            )
    except IntegrityError:  # the same key, sent twice at once
        existing = Film.objects.select_related("upload").get(upload_key=key)
        return _check_key(existing, visit=visit, by=by, name=name, length=length)
    ensure_folder(film)
    path_of(film.original.name).touch()
    private_file(path_of(film.original.name))
    return film


def receive_chunk(*, film, request, offset, length, by):
    """Append one chunk of the request body at ``offset``; returns the new offset.

    Raises ``WrongOffset`` (or ``Busy``) when the chunk is not the next one, so
    the page asks where the upload has got to and carries on from there.
    """
    upload = film.upload
    if film.state != FilmState.RECEIVING:
        raise FilmError(wording.UPLOAD_CANCELLED)
    reason = why_not_add(film.visit, film.programme)
    if reason:
        raise FilmError(reason)
    end = offset + length
    if end > settings.FILM_MAX_UPLOAD_BYTES:
        raise FilmError(wording.too_large())
    if upload.length is not None and end > upload.length:
        raise FilmError("This chunk goes past the end of the file. Reload the page.")
    now = timezone.now()
    claimed = (
        FilmUpload.objects.filter(pk=upload.pk, offset=offset, finished_at=None)
        .filter(Q(busy_until=None) | Q(busy_until__lt=now))
        .update(busy_until=now + LEASE)
    )
    if not claimed:
        upload.refresh_from_db()
        error = Busy if upload.offset == offset else WrongOffset
        raise error(upload.offset)
    written = 0
    try:
        written = append_body(request, path_of(film.original.name), offset=offset, length=length)
    except FileNotFoundError as error:  # destroyed (consent withdrawn) while uploading
        raise FilmError(wording.UPLOAD_CANCELLED) from error
    finally:
        FilmUpload.objects.filter(pk=upload.pk).update(
            offset=offset + written, busy_until=None, last_activity_at=timezone.now()
        )
    upload.offset = offset + written
    if upload.length is not None and upload.offset == upload.length:
        finish_upload(film=film, by=by, request=request)
    return upload.offset


@transaction.atomic
def finish_upload(*, film, by, request=None):
    """All the bytes are here: check the film (after commit). Idempotent."""
    film = Film.objects.select_for_update(of=("self",)).select_related("upload").get(pk=film.pk)
    if film.state != FilmState.RECEIVING:
        return film
    upload = film.upload
    if upload.length is None:  # a recording: its length is what arrived
        upload.length = upload.offset
    if upload.offset != upload.length or upload.busy_until and upload.busy_until > timezone.now():
        raise WrongOffset(upload.offset)
    if upload.offset == 0:
        raise FilmError("Nothing was recorded. Record the film again.")
    reason = why_not_add(film.visit, film.programme)
    if reason:
        raise FilmError(reason)
    now = timezone.now()
    upload.finished_at = now
    upload.save(update_fields=["length", "finished_at"])
    _start_checking(film, size=upload.offset, now=now)
    audit_film(AuditAction.UPLOADED, film, by=by, request=request, size=upload.offset)
    return film


def _start_checking(film, *, size, now):
    from ..tasks import check_film

    film.state = FilmState.CHECKING
    film.original_size = size
    film.received_at = now
    film.save(update_fields=["state", "original_size", "received_at"])
    check_film.delay_on_commit(film.pk)


@transaction.atomic
def discard_upload(*, film, reason, by=None, label="", request=None):
    """Stop an unfinished upload and delete what arrived. Idempotent."""
    film = Film.objects.select_for_update().get(pk=film.pk)
    if film.state != FilmState.RECEIVING:
        return film
    received = FilmUpload.objects.filter(film=film).values_list("offset", flat=True).first()
    film.state = FilmState.REJECTED
    film.rejection_reason = reason
    film.rejected_at = timezone.now()
    film.original = ""
    film.save(update_fields=["state", "rejection_reason", "rejected_at", "original"])
    audit_film(
        AuditAction.UPLOAD_DISCARDED, film, by=by, label=label, request=request, received=received
    )
    remove_folder(film.folder)
    return film


@transaction.atomic
def receive_file(*, visit, by, uploaded_file, key, request=None):
    """A whole file from the plain form (JavaScript off), already streamed to disk.

    The same ``key`` twice (a double click) gives the one film made the first time.
    """
    existing = Film.objects.filter(upload_key=key).first() if key else None
    if existing is not None:
        if existing.visit_id != visit.pk or existing.filmed_by_id != by.pk:
            raise FilmError("This page is out of date. Reload it and choose the film again.")
        return existing
    programme = visit.programme
    reason = why_not_add(visit, programme)
    if reason:
        raise FilmError(reason)
    if not uploaded_file.size:
        raise FilmError(wording.EMPTY_FILE)
    if uploaded_file.size > settings.FILM_MAX_UPLOAD_BYTES:
        raise FilmError(wording.too_large())
    now = timezone.now()
    film = Film(
        programme=programme,
        visit=visit,
        source=Source.UPLOAD,
        upload_key=key,
        filmed_by=by,
        filmed_at=visit.starts_at,
        original_name=(uploaded_file.name or "")[:255],
        state=FilmState.RECEIVING,
    )
    film.original.name = f"{film.folder}/{ORIGINAL}"
    film.save()
    ensure_folder(film)
    target = path_of(film.original.name)
    os.replace(uploaded_file.temporary_file_path(), target)
    private_file(target)
    _start_checking(film, size=uploaded_file.size, now=now)
    audit_film(AuditAction.UPLOADED, film, by=by, request=request, size=uploaded_file.size)
    return film


@transaction.atomic
def record_play(*, film, by, request=None, preview=False):
    """Someone started watching a film (once per playback, not per byte range)."""
    audit_film(AuditAction.PLAYED, film, by=by, request=request, preview=preview)
