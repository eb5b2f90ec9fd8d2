"""Celery adapters for films: take ids, load, call the action."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from sessions.models import Programme

from . import wording
from .actions import checking, destroy_unconsented
from .models import Film
from .sweep import sweep

logger = logging.getLogger(__name__)


@shared_task(
    soft_time_limit=checking.time_limit(),
    time_limit=checking.time_limit() + 120,
    acks_late=True,
)
def check_film(film_id):
    """Check a received film and make its canonical copy (queued after commit)."""
    try:
        return checking.check_film(film_id)
    except SoftTimeLimitExceeded:
        film = Film.objects.filter(pk=film_id).first()
        if film is not None:
            return checking.reject(film, wording.CHECK_TOOK_TOO_LONG)
        return None


@shared_task(autoretry_for=(OSError,), retry_backoff=10, retry_backoff_max=300, max_retries=10)
def destroy_family_films(programme_id):
    """After a withdrawal: destroy the family's films at once, if consent is gone.

    Idempotent, and decided from the consent records, not from the message: a
    late or repeated delivery does nothing more.
    """
    programme = Programme.objects.select_related("referral").filter(pk=programme_id).first()
    if programme is None:
        return 0
    return len(destroy_unconsented(programme))


@shared_task
def sweep_films(dry_run=False):
    """Every 15 minutes (beat): withdrawal, retention, stale uploads and checks, orphans."""
    steps = [str(step) for step in sweep(dry_run=dry_run)]
    for step in steps:
        logger.info("films sweep: %s", step)
    return steps
