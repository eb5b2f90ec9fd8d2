"""Writing the schedule: due work and staff tasks, made once by their key.

Only actions call these (inside their own transaction), never views.
"""

from django.utils import timezone

from .models import DueWork, StaffTask, WorkState

OPEN_WORK = (WorkState.DUE, WorkState.CLAIMED)


def add_work(*, key, kind, service, due_at, now_=False, **about):
    """The due-work row ``key``, made if new. ``now_``: claimed at once and queued
    on commit (a message that should go now, not at the next sweep)."""
    defaults = {"kind": kind, "service": service, "due_at": due_at, **about}
    if now_:
        defaults.update(state=WorkState.CLAIMED, claimed_at=timezone.now(), attempts=1)
    work, created = DueWork.objects.get_or_create(key=key, defaults=defaults)
    if created and now_:
        from .tasks import run_due_work

        run_due_work.delay(work.pk)  # after commit (ServiceTask)
    return work


def cancel_work(queryset):
    """Cancel work not yet done. A task already queued finds its row cancelled."""
    return queryset.filter(state__in=OPEN_WORK).update(
        state=WorkState.CANCELLED, finished_at=timezone.now()
    )


def add_task(*, key, kind, service, title, due_on, **about):
    task, _ = StaffTask.objects.get_or_create(
        key=key,
        defaults={"kind": kind, "service": service, "title": title, "due_on": due_on, **about},
    )
    return task
