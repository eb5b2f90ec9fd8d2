"""Doing one row of due work, from its task: once, and never silently dropped.

- A row not ``claimed`` (done, cancelled, or claimed again after a stale claim
  and finished there) is left alone.
- ``Defer(until)``: not now (no texts at night, Notify's rate limit): the row is
  due again at ``until``, without counting an attempt.
- External I/O failing (mail server, Notify): due again after a bounded,
  growing wait; after ``MAX_ATTEMPTS`` it is ``failed`` and listed for the
  team lead. Any other error is a bug: ``failed`` at once, and raised to the log.
"""

import logging
from datetime import timedelta

from django.utils import timezone

from vig_service.tasks import EXTERNAL_IO_ERRORS

from .models import DueWork, WorkKind, WorkState

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class Defer(Exception):  # noqa: N818 — it is an instruction, not an error
    def __init__(self, until):
        super().__init__(f"deferred until {until.isoformat()}")
        self.until = until


class Withdrawn(Exception):  # noqa: N818
    """The work no longer applies (visit moved or cancelled since)."""


def retry_errors():
    from notifications_python_client.errors import HTTPError

    return (*EXTERNAL_IO_ERRORS, HTTPError)


def backoff(attempts):
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 600))


def _finish(work, state, error=""):
    DueWork.objects.filter(pk=work.pk, state=WorkState.CLAIMED).update(
        state=state, finished_at=timezone.now(), last_error=error[:2000]
    )


def handlers():
    from . import followups, messages

    return {
        WorkKind.VISIT_MESSAGE: messages.visit_message,
        WorkKind.REMINDER: messages.reminder,
        WorkKind.WAITING_ALERT: followups.waiting_alert,
        WorkKind.CHECK_IN: followups.check_in,
    }


def run(work_id):
    try:
        # What a message to a family needs, and no more: PostgreSQL plans each
        # joined table again for every task (two more joins doubled the planning
        # time). The rarer kinds load their programme or referral when they ask.
        # get(), not first(): no ORDER BY to compile over this many columns.
        work = DueWork.objects.select_related(
            "service",
            "visit__programme__referral",
            "visit__programme__guider",
            "visit__practitioner",
        ).get(pk=work_id, state=WorkState.CLAIMED)
    except DueWork.DoesNotExist:
        return "not claimed"
    try:
        handlers()[work.kind](work)
    except Defer as defer:
        DueWork.objects.filter(pk=work.pk, state=WorkState.CLAIMED).update(
            state=WorkState.DUE,
            due_at=defer.until,
            claim=None,
            attempts=max(work.attempts - 1, 0),
        )
        return "deferred"
    except Withdrawn as why:
        _finish(work, WorkState.CANCELLED, str(why))
        return "withdrawn"
    except retry_errors() as error:
        if work.attempts >= MAX_ATTEMPTS:
            _finish(work, WorkState.FAILED, repr(error))
            return "failed"
        DueWork.objects.filter(pk=work.pk, state=WorkState.CLAIMED).update(
            state=WorkState.DUE,
            due_at=timezone.now() + backoff(work.attempts),
            claim=None,
            last_error=repr(error)[:2000],
        )
        return "retry"
    except Exception as error:
        _finish(work, WorkState.FAILED, repr(error))
        raise
    _finish(work, WorkState.DONE)
    return "done"
