"""One base class for every Celery task in the service, and the one way to declare them.

```python
from vig_service.tasks import load, task

@task(external_io=True)           # sends an email: retried with backoff
def send_acknowledgement(referral_id):
    referral = load(Referral.objects.select_related("service"), referral_id)
    if referral is None:
        return False              # gone since it was enqueued: nothing to do
    ...
```

What every task gets from ``ServiceTask``:

- **Enqueued after commit.** ``task.delay(…)`` inside a transaction waits for the
  commit, and never happens if it rolls back (``delay_on_commit`` says so in the
  name, and works the same). A worker never sees a row that isn't there yet.
- **Ids in, rows loaded.** Tasks take ids (never model instances) and ``load``
  them; a row deleted meanwhile makes the task a quiet no-op.
- **Acknowledged late.** A message is acknowledged when the task finishes, so a
  worker that dies mid-task leaves it for another. Tasks must therefore be
  idempotent: an email goes through ``vig_service.mail.send_once``, guarded by
  its own row's ``sent_at`` (never by the audit trail, which is only written);
  a task that cannot be repeated says ``acks_late=False``.
- **One retry policy for external I/O** (``external_io=True``): mail servers and
  other services that fail for a while are retried ``EXTERNAL_IO_RETRY``, with
  exponential backoff from 30 s up to 10 min, with jitter, five times at most.
  Nothing else is retried: a bug raises at once.
- Time limits for all: ``CELERY_TASK_SOFT_TIME_LIMIT``/``CELERY_TASK_TIME_LIMIT``.
"""

import functools
import logging
import smtplib

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import transaction

logger = logging.getLogger(__name__)

# Failures of a server we talk to (SMTP, HTTP, Redis…) that are worth trying again.
EXTERNAL_IO_ERRORS = (OSError, smtplib.SMTPException)
EXTERNAL_IO_RETRY = {
    "autoretry_for": EXTERNAL_IO_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


class ServiceTask(DjangoTask):
    """The base class of every task (see the module's docstring)."""

    acks_late = True
    # Results are never read; errors go to the log.
    ignore_result = True

    def apply_async(self, args=None, kwargs=None, **options):
        if transaction.get_connection().in_atomic_block:
            # As pretix's TransactionAwareTask: hold the message until the data it
            # is about is committed, and drop it with a rollback.
            transaction.on_commit(functools.partial(super().apply_async, args, kwargs, **options))
            return None
        return super().apply_async(args, kwargs, **options)


def task(*, external_io=False, **options):
    """Declare a task on ``ServiceTask``; ``external_io=True`` adds the retry policy."""
    if external_io:
        options = {**EXTERNAL_IO_RETRY, **options}
    return shared_task(base=ServiceTask, **options)


def load(queryset, pk):
    """The row ``pk`` of ``queryset`` (or of a model), or None if it has gone."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    row = queryset.filter(pk=pk).first()
    if row is None:
        logger.info("%s %s no longer exists; nothing to do.", queryset.model.__name__, pk)
    return row
