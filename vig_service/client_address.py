"""The address of the person making a request: one answer for every part of the app.

Sign-in lockout (django-axes, ``AXES_CLIENT_IP_CALLABLE``), rate limits
(django-ratelimit, ``RATELIMIT_IP_META_KEY``) and the audit trail all call
``client_address``, so they always agree on who is asking.

Without a proxy it is the connection's own address (``REMOTE_ADDR``). With
``BEHIND_PROXY=true`` every connection comes from the proxy, so the visitor's
address is read from what the proxy adds: ``X-Real-IP`` (nginx:
``proxy_set_header X-Real-IP $remote_addr``), or else the last entry of
``X-Forwarded-For`` (the one the proxy itself appended; entries before it were
sent by the visitor and can say anything). Only turn ``BEHIND_PROXY`` on when a
proxy always sets these headers, or anyone could choose the address they are
counted under.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    address = (address or "").strip()
    if not address:
        return None
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request):
    """The visitor's IP address as text, or None when it is not known."""
    if request is None:
        return None
    meta = request.META
    if getattr(settings, "BEHIND_PROXY", False):
        real = _valid(meta.get("HTTP_X_REAL_IP"))
        if real:
            return real
        forwarded = [part for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part]
        if forwarded:
            last = _valid(forwarded[-1])
            if last:
                return last
    return _valid(meta.get("REMOTE_ADDR"))


def ratelimit_ip(request):
    """``RATELIMIT_IP_META_KEY``: django-ratelimit's ``key="ip"`` counts by this.

    It needs an address; visitors whose address is unknown share one bucket.
    """
    return client_address(request) or "0.0.0.0"  # noqa: S104 — a bucket name, not a bind
