"""The minute sweep: claim due work and queue one task per row, on commit.

Claiming is one batch of three queries whatever the number of rows:

1. pick up to ``BATCH`` due rows — on PostgreSQL ``FOR UPDATE SKIP LOCKED``, so
   two sweeps at once (two beat processes by mistake) pick different rows;
2. ``UPDATE … SET state='claimed', claim=<token> WHERE pk IN (…) AND state='due'``
   — the conditional update SQLite relies on (no row locks there): a row another
   sweep claimed first is not changed;
3. read back the rows carrying our token, and queue those.

Queueing is once per batch, when the batch commits: all its tasks go over one
producer, in one Redis pipeline (kombu's ``Producer.batch``), so 1,000 tasks
cost a few round trips to the broker, not 1,000 (ADR 0010, "Throughput").

Rows claimed long ago whose task never finished (a broker that lost its queue on
restart, a worker killed) are made due again, so nothing is lost; the task's
message log keeps the family from hearing twice.
"""

import functools
import uuid
from contextlib import nullcontext
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import DueWork, WorkState

BATCH = 1000


def claim_timeout():
    return timedelta(seconds=getattr(settings, "SCHEDULING_CLAIM_TIMEOUT", 15 * 60))


def sweep(*, now=None, dry_run=False, batch=BATCH):
    """Claim and queue due work; returns lines saying what was (or would be) done."""
    now = now or timezone.now()
    due = DueWork.objects.filter(state=WorkState.DUE, due_at__lte=now)
    stale = DueWork.objects.filter(state=WorkState.CLAIMED, claimed_at__lt=now - claim_timeout())
    if dry_run:
        return [f"Would queue {due.count()} due", f"Would retry {stale.count()} stale claims"]
    from .runner import MAX_ATTEMPTS

    stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        state=WorkState.FAILED, finished_at=now, last_error="The task never finished."
    )
    revived = stale.update(state=WorkState.DUE, claim=None)
    queued = 0
    while True:
        with transaction.atomic():
            picked = due.order_by("due_at").values_list("pk", flat=True)
            if connection.features.has_select_for_update_skip_locked:
                picked = picked.select_for_update(skip_locked=True)
            ids = list(picked[:batch])
            if not ids:
                break
            token = uuid.uuid4()
            DueWork.objects.filter(pk__in=ids, state=WorkState.DUE).update(
                state=WorkState.CLAIMED, claim=token, claimed_at=now, attempts=F("attempts") + 1
            )
            mine = list(DueWork.objects.filter(claim=token).values_list("pk", flat=True))
            transaction.on_commit(functools.partial(queue_tasks, mine))
            queued += len(mine)
        if len(ids) < batch:
            break
    return [f"Queued {queued} due", f"Made {revived} stale claims due again"]


def queue_tasks(work_ids):
    """One ``run_due_work`` task per row, published over one producer.

    Called after the claim commits (a worker never finds a row not yet claimed).
    If the broker fails half-way, the rows not queued stay claimed and the
    sweep after ``SCHEDULING_CLAIM_TIMEOUT`` queues them again; a row queued
    twice still reaches the family once (``runner.run`` acts only on a claimed
    row, and the message log's key stops a second send).
    """
    from .tasks import run_due_work

    if not work_ids:
        return
    with run_due_work.app.producer_or_acquire() as producer:
        # kombu before 5.7 has no batches; a transport without them publishes at once.
        with producer.batch() if hasattr(producer, "batch") else nullcontext():
            for pk in work_ids:
                run_due_work.apply_async((pk,), producer=producer)
