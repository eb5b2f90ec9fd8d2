"""Kept for ``settings.CSRF_FAILURE_VIEW``, which names this path; the public
pages are in ``referrals.views.public``."""

from .views.public import csrf_failure

__all__ = ["csrf_failure"]
