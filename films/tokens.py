"""Play tokens: one per showing of the player, so a play is audited once.

A browser fetches a film in many byte ranges (one per seek, and Safari asks for
the first two bytes before anything else). The film page puts a short-lived
signed token in the player's address; the first request carrying a token is
the start of a playback and is audited, later ranges with the same token are
not. The token is not a key: every request still needs a signed-in person who
may see the programme, while the family's consent is in force.
"""

import secrets

from django.core import signing
from django.core.cache import cache

SALT = "films.play"
# Longer than anyone watches one film in one sitting; staff sessions end sooner.
MAX_AGE = 6 * 60 * 60


def play_token(film, user):
    payload = {"f": str(film.public_id), "u": user.pk, "n": secrets.token_urlsafe(12)}
    return signing.dumps(payload, salt=SALT, compress=True)


def playback_of(token, film, user):
    """The playback's nonce if ``token`` was made for this film and person, else None."""
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("f") != str(film.public_id) or payload.get("u") != user.pk:
        return None
    return payload.get("n")


def is_first_request(nonce):
    """True once per playback: the cache is shared by every web process."""
    return cache.add(f"films:playback:{nonce}", 1, MAX_AGE)
