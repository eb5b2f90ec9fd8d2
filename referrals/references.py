"""Reference numbers people can read over the phone: ``VIG-7KQ3-M2XD``."""

import secrets

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: nothing a caller could mishear or misread.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
PREFIX = "VIG"


def new_reference():
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def normalise_reference(value):
    """Forgiving of case, spaces and missing dashes when a reference is typed in."""
    compact = "".join(ch for ch in str(value or "").upper() if ch.isalnum())
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != 8 or not set(compact) <= set(ALPHABET):
        return ""
    return f"{PREFIX}-{compact[:4]}-{compact[4:]}"
