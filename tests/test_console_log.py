"""The console log: one line for an ordinary 4xx, the whole traceback for a 5xx."""

import logging
import sys

import pytest
from django.conf import settings

from vig_service.log_filters import NoTracebackForClientErrors


def record(status):
    try:
        raise PermissionError("denied")
    except PermissionError:
        exc_info = sys.exc_info()
    entry = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "msg", (), exc_info)
    entry.status_code = status
    return entry


@pytest.mark.parametrize("status", [403, 404, 405])
def test_client_errors_are_one_line(status):
    entry = record(status)

    assert NoTracebackForClientErrors().filter(entry)
    assert "Traceback" not in logging.Formatter().format(entry)


def test_server_errors_keep_their_traceback():
    entry = record(500)

    assert NoTracebackForClientErrors().filter(entry)
    assert "Traceback" in logging.Formatter().format(entry)


def test_the_console_handler_uses_the_filter():
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["no_traceback_for_client_errors"]


def test_the_embedded_broker_names_a_host_so_kombu_stays_quiet():
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        assert settings.CELERY_BROKER_URL == "filesystem://localhost//"
