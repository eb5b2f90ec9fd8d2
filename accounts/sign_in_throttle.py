"""Failed sign-ins, counted per client address (ADR 3).

django-axes locks an *account* after ``AXES_FAILURE_LIMIT`` wrong passwords, from
anywhere. This throttle slows an *address* that fails many times across any
accounts — someone trying passwords on many accounts, however often they change
browser — with a limit high enough that a whole office sharing one NHS address
is never stopped by one person's mistakes: ``SIGN_IN_ADDRESS_FAILURE_LIMIT``
(30) failures within ``SIGN_IN_ADDRESS_WINDOW_MINUTES`` (10).

Counts live in the shared cache, keyed by ``vig_service.client_address`` (so the
visitor's real address behind a proxy).
"""

from django.conf import settings
from django_ratelimit.core import get_usage

GROUP = "accounts.sign_in_failures"


def _rate():
    return (
        f"{settings.SIGN_IN_ADDRESS_FAILURE_LIMIT}/{settings.SIGN_IN_ADDRESS_WINDOW_MINUTES * 60}s"
    )


def _usage(request, *, increment):
    return get_usage(request, group=GROUP, key="ip", rate=_rate(), increment=increment)


def address_throttled(request):
    """Whether the request's address has failed to sign in too often just now."""
    usage = _usage(request, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count_failure(request):
    """One more failed sign-in from the request's address."""
    if request is not None:
        _usage(request, increment=True)


def minutes_to_wait():
    return settings.SIGN_IN_ADDRESS_WINDOW_MINUTES
