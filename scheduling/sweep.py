"""The minute sweep: claim due work and queue one task per row, on commit.

Claiming is one batch of three queries whatever the number of rows:

1. pick up to ``BATCH`` due rows — on PostgreSQL ``FOR UPDATE SKIP LOCKED``, so
   two sweeps at once (two beat processes by mistake) pick different rows;
2. ``UPDATE … SET state='claimed', claim=<token> WHERE pk IN (…) AND state='due'``
   — the conditional update SQLite relies on (no row locks there): a row another
   sweep claimed first is not changed;
3. read back the rows carrying our token, and queue those.

Rows claimed long ago whose task never finished (a broker that lost its queue on
restart, a worker killed) are made due again, so nothing is lost; the task's
message log keeps the family from hearing twice.
"""

import uuid
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
    from .tasks import run_due_work

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
            for pk in mine:
                run_due_work.delay(pk)  # sent when this batch commits
            queued += len(mine)
        if len(ids) < batch:
            break
    return [f"Queued {queued} due", f"Made {revived} stale claims due again"]
