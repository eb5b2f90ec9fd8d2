"""Destroying films, with proof that they existed and why they went.

A film is destroyed when the family withdraws filming or keeping-the-film
consent, when the retention period after the programme ends runs out, or when a
practitioner removes one added by mistake. The bytes go (film, poster, original)
as the last step of the transaction that writes the ``FilmDestruction`` and the
audit event: if deleting fails, nothing is recorded and the task or sweep tries
again; a proof row always means the bytes are gone.
"""

from django.db import transaction

from ..models import (
    Clip,
    Film,
    FilmDestruction,
    FilmState,
    FilmUpload,
    MomentDestruction,
    MomentState,
    Still,
    Why,
)
from ..storage import path_of, remove_folder
from .common import AuditAction, FilmError, audit_film, film_may_be_kept

WITHDRAWAL_TASK = "consent withdrawal"
SWEEP = "films sweep"


@transaction.atomic
def destroy_film(*, film, why, by=None, label="", reason="", request=None):
    """Destroy one film now. Idempotent: a destroyed film returns its proof.

    Returns the ``FilmDestruction``, or None for a film that holds no bytes
    (one that was not accepted).
    """
    film = (
        Film.objects.select_for_update()
        .select_related("programme__referral", "visit")
        .get(pk=film.pk)
    )
    if film.state == FilmState.DESTROYED:
        return film.destruction
    if film.state == FilmState.REJECTED:
        return None
    received = None
    if film.state == FilmState.RECEIVING:
        received = FilmUpload.objects.filter(film=film).values_list("offset", flat=True).first()
    proof = FilmDestruction.objects.create(
        film=film,
        programme=film.programme,
        why=why,
        reason=reason.strip(),
        state_before=film.state,
        size=film.size,
        sha256=film.sha256,
        duration_seconds=film.duration_seconds,
        original_size=film.original_size if received is None else received,
        destroyed_by=by,
        destroyed_by_label="" if by else label,
    )
    film.state = FilmState.DESTROYED
    film.destroyed_at = proof.destroyed_at
    film.file = film.poster = film.original = ""
    film.save(update_fields=["state", "destroyed_at", "file", "poster", "original"])
    audit_film(
        AuditAction.DESTROYED,
        film,
        by=by,
        label=label,
        request=request,
        why=why,
        reason=proof.reason,
        size=proof.size,
        sha256=proof.sha256,
        duration=proof.duration_seconds,
    )
    for model in (Clip, Still):
        for moment in model.objects.filter(film=film).live():
            moment.film, moment.programme = film, film.programme
            destroy_moment(moment=moment, why=why, by=by, label=label, request=request)
    remove_folder(film.folder)
    return proof


@transaction.atomic
def destroy_moment(*, moment, why, by=None, label="", request=None):
    """Destroy a clip or still now, with proof. Idempotent: returns its proof."""
    from .moments import Audit, audit_moment

    model = type(moment)
    locked = model.objects.select_for_update().get(pk=moment.pk)
    if locked.state == MomentState.DESTROYED:
        return MomentDestruction.objects.filter(public_id=locked.public_id).first()
    locked.film, locked.programme = moment.film, moment.programme
    name = locked.file.name
    proof = MomentDestruction.objects.create(
        kind=locked.kind,
        public_id=locked.public_id,
        film=locked.film,
        programme=locked.programme,
        why=why,
        state_before=locked.state,
        start_ms=locked.start_ms if locked.kind == "clip" else locked.at_ms,
        end_ms=locked.end_ms if locked.kind == "clip" else None,
        size=locked.size,
        destroyed_by=by,
        destroyed_by_label="" if by else label,
    )
    locked.state = MomentState.DESTROYED
    locked.destroyed_at = proof.destroyed_at
    locked.file = ""
    locked.for_group_supervision = locked.for_training = False
    locked.save(
        update_fields=["state", "destroyed_at", "file", "for_group_supervision", "for_training"]
    )
    audit_moment(
        Audit.DESTROYED, locked, by=by, label=label, request=request, why=why, size=proof.size
    )
    if name:
        path_of(name).unlink(missing_ok=True)
    return proof


def remove_moment(*, moment, by, request=None):
    """A practitioner removes a clip or still they no longer want (audited, with proof)."""
    if not moment.is_live:
        raise FilmError("This has already been removed.")
    return destroy_moment(moment=moment, why=Why.REMOVED, by=by, request=request)


def remove_film(*, film, by, reason, request=None):
    """A practitioner removes a film added by mistake (the page checks they may)."""
    if not reason.strip():
        raise FilmError("Say why you are removing this film")
    if not film.is_live:
        raise FilmError("This film has already been removed or was not accepted.")
    return destroy_film(film=film, why=Why.REMOVED, by=by, reason=reason, request=request)


def destroy_unconsented(programme, *, label=WITHDRAWAL_TASK, dry_run=False):
    """Destroy every film of a family whose filming or keeping-the-film consent is
    no longer in force. Works from the consent records, so running it again, or
    for a family that still consents, does nothing. Returns the films concerned."""
    if film_may_be_kept(programme):
        return []
    films = list(Film.objects.filter(programme=programme).live())
    if not dry_run:
        for film in films:
            destroy_film(film=film, why=Why.WITHDRAWAL, label=label)
    return films
