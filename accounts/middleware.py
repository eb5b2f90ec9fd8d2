"""Keeps everyone out of the staff area and the admin until fully signed in."""

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

PROTECTED_PREFIXES = ("/staff/", "/admin/")
# Pages of the sign-in journey itself, open to the signed-out or half-signed-in.
PRIVATE_NO_STORE = "private, no-store"
OPEN_PREFIXES = ("/staff/sign-in/", "/staff/sign-out/", "/staff/password-reset/")


def is_fully_signed_in(user):
    """Password *and* second factor (unless relaxed for local development)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if settings.OTP_RELAXED_FOR_DEVELOPMENT:
        return True
    return user.is_verified()


class StaffAccessMiddleware:
    """Staff pages need a signed-in, two-factor-verified, active user.

    Signed out → the sign-in page (with ?next=). Password given but no second
    factor yet → the two-factor step. Staff responses are never cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        protected = path.startswith(PROTECTED_PREFIXES)
        if protected and not path.startswith(OPEN_PREFIXES):
            user = request.user
            if not user.is_authenticated or not user.is_active:
                return redirect(f"{reverse('accounts:login')}?next={_safe_next(request)}")
            if not is_fully_signed_in(user):
                return redirect(f"{reverse('accounts:two_factor')}?next={_safe_next(request)}")
        response = self.get_response(request)
        if protected:
            own = response.get("Cache-Control", "")
            add_never_cache_headers(response)
            # A film's bytes say "private, no-store" (never in a shared cache either).
            response["Cache-Control"] = own if own == PRIVATE_NO_STORE else "no-store"
        return response


def _safe_next(request):
    from urllib.parse import quote

    return quote(request.get_full_path(), safe="/")


class SessionRefreshMiddleware:
    """Keeps a signed-in session alive while it is used, writing it at most once a
    minute (``SESSION_REFRESH_SECONDS``) instead of on every request.

    Each write moves the session's expiry to ``SESSION_COOKIE_AGE`` (30 minutes)
    from then, and a write is never more than a minute behind the person's last
    request: so a session still ends between 29 and 30 idle minutes — after 30
    minutes without a request, it has always ended. Goes after ``SessionMiddleware``,
    so the session is saved (by it) on the way out.
    """

    SEEN = "_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        # No cookie, an empty or already changed session: nothing to refresh.
        if session.session_key is None or session.modified or session.is_empty():
            return response
        if int(time.time()) - session.get(self.SEEN, 0) >= settings.SESSION_REFRESH_SECONDS:
            self.mark_seen(session)
        return response

    @classmethod
    def mark_seen(cls, session):
        """Mark ``session`` changed (so saved, its expiry moved on) as of now."""
        session[cls.SEEN] = int(time.time())
