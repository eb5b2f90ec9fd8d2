"""Films listen for consent being withdrawn (``consent.signals.consent_withdrawn``)."""

import logging

from django.dispatch import receiver

from consent.models import Scope
from consent.signals import consent_withdrawn

logger = logging.getLogger(__name__)

# Withdrawing either of these means the family's films must go.
FILM_SCOPES = {Scope.FILMING, Scope.KEEP_FILM}


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
