"""Where to go after a step of signing in: the ``next`` page, if it is on this site."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request):
    """The ``next`` page asked for, if it is on this site; else ""."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def url_with_next(url_name, next_url):
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def go_next(next_url):
    return redirect(next_url or reverse("accounts:home"))
