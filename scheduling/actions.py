"""Staff actions on tasks (the schedule's own writes are in ``schedule``)."""

from django.db import transaction
from django.utils import timezone

from accounts import audit

from .models import StaffTask


class TaskError(ValueError):
    pass


def why_not_complete(task):
    if task.done_at is not None:
        return TaskError("This task is already done.")
    return None


@transaction.atomic
def complete_task(*, task, by, request=None):
    """Mark a task done (one click), audited. Done already: nothing changes."""
    task = StaffTask.objects.select_for_update().get(pk=task.pk)
    if task.done_at is not None:
        return task
    task.done_at, task.done_by = timezone.now(), by
    task.save(update_fields=["done_at", "done_by"])
    reference = task.programme.reference if task.programme_id else ""
    if not reference and task.referral_id:
        reference = task.referral.reference
    audit.record(
        "task.done",
        actor=by,
        target=task,
        family_reference=reference,
        team_id=task.team_id or by.team_id,
        request=request,
        details={"task": str(task.public_id), "kind": task.kind},
    )
    return task
