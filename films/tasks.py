"""Celery adapters for films: take ids, load, call the action."""

import logging

from celery.exceptions import SoftTimeLimitExceeded

from sessions.models import Programme
from vig_service.tasks import load, task

from . import wording
from .actions import checking, cutting, destroy_unconsented
from .models import Film
from .sweep import sweep

logger = logging.getLogger(__name__)


@task(
    soft_time_limit=checking.time_limit(),
    time_limit=checking.time_limit() + 120,
    acks_late=True,
)
def check_film(film_id):
    """Check a received film and make its canonical copy (queued after commit)."""
    try:
        return checking.check_film(film_id)
    except SoftTimeLimitExceeded:
        film = load(Film, film_id)
        if film is not None:
            return checking.reject(film, wording.CHECK_TOOK_TOO_LONG)
        return None


# Retried like external I/O: destroying files can meet a passing storage error.
@task(external_io=True)
def destroy_family_films(programme_id):
    """After a withdrawal: destroy the family's films at once, if consent is gone.

    Idempotent, and decided from the consent records, not from the message: a
    late or repeated delivery does nothing more.
    """
    programme = load(Programme.objects.select_related("referral"), programme_id)
    if programme is None:
        return 0
    return len(destroy_unconsented(programme))


@task()
def sweep_films(dry_run=False):
    """Every 15 minutes (beat): withdrawal, retention, stale uploads and checks, orphans."""
    steps = [str(step) for step in sweep(dry_run=dry_run)]
    for step in steps:
        logger.info("films sweep: %s", step)
    return steps


@task(soft_time_limit=cutting.TIME_LIMIT + 30, time_limit=cutting.TIME_LIMIT + 90)
def cut_moment(kind, moment_id, version):
    """Cut a clip or still (queued after commit, on CLIP_CUT_QUEUE). Idempotent."""
    return cutting.cut(kind, moment_id, version)
