"""Films listen for consent being withdrawn (``consent.signals.consent_withdrawn``)."""

import logging

from django.dispatch import receiver

from consent.models import Scope
from consent.signals import consent_withdrawn

logger = logging.getLogger(__name__)

# Withdrawing either of these means the family's films must go.
FILM_SCOPES = {Scope.FILMING, Scope.KEEP_FILM}


# Withdrawing one of these takes the family's clips out of that use at once.
MARK_SCOPES = {Scope.GROUP_SUPERVISION, Scope.TRAINING}


@receiver(consent_withdrawn, dispatch_uid="films.unmark_on_withdrawal")
def unmark_moments_on_withdrawal(sender, programme, scopes, **kwargs):
    """A few rows: done here and now, not queued, so no group session sees them later.
    (The pages also show a mark only while its consent is in force.)"""
    if MARK_SCOPES & set(scopes):
        from .actions import unmark_unconsented

        unmark_unconsented(programme)


@receiver(consent_withdrawn, dispatch_uid="films.destroy_on_withdrawal")
def destroy_films_on_withdrawal(sender, programme, scopes, **kwargs):
    """Sent after the withdrawal commits: queue the destruction now.

    If the broker is down the films are not forgotten: the sweep finds every
    film whose consent is no longer in force from the consent records.
    """
    if not FILM_SCOPES & set(scopes):
        return
    from .tasks import destroy_family_films

    try:
        destroy_family_films.delay(programme.pk)
    except Exception:  # the broker is down; the sweep will do it
        logger.exception("Could not queue destroying films of %s", programme.reference)
