"""Filters for the console log."""

import logging


class NoTracebackForClientErrors(logging.Filter):
    """A 4xx answer (403, 404, 405…) is logged as one line, without a traceback.

    Django logs the PermissionDenied or Http404 behind such an answer with its
    traceback; that is normal operation, not a fault, and a page of stack for
    each one buries the lines that matter. 5xx errors keep their traceback.
    """

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
