"""Staff actions on tasks and failed work (the schedule's own writes are in ``schedule``)."""

import uuid

from django.db import transaction
from django.utils import timezone

from accounts import audit

from .models import DueWork, MessageLog, MessageStatus, StaffTask, WorkState


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


# --- Failed work and messages, tried again by the team lead (ADR 0013) -----------------


def _audit_retry(event, row, by, request, details):
    from .failures import referral_of

    referral = referral_of(row)
    audit.record(
        event,
        actor=by,
        target=row,
        family_reference=referral.reference if referral else "",
        team_id=(referral.team_id if referral else None) or by.team_id,
        request=request,
        details=details,
    )


@transaction.atomic
def retry_work(*, work, by, request=None):
    """Make a failed row due now with its attempts from nought; the next sweep
    queues it. Returns whether it changed: a row no longer failed (a double
    submit, a colleague first) is left as it is."""
    from .failures import in_words

    work = DueWork.objects.select_for_update().get(pk=work.pk)
    if work.state != WorkState.FAILED:
        return False
    was_attempts, error = work.attempts, in_words(work.last_error)
    DueWork.objects.filter(pk=work.pk).update(
        state=WorkState.DUE,
        due_at=timezone.now(),
        attempts=0,
        claim=None,
        claimed_at=None,
        finished_at=None,
    )
    _audit_retry(
        "work.retried",
        work,
        by,
        request,
        {"kind": work.kind, "attempts": was_attempts, "error": error},
    )
    return True


@transaction.atomic
def retry_message(*, message, by, request=None):
    """Send a message Notify could not deliver again: its log row back to
    ``sending`` under a new reference (a re-run asks Notify about that reference,
    finds nothing, and sends) and the due work it came from due now."""
    from .failures import still_applies, work_key_of

    log = MessageLog.objects.select_for_update().get(pk=message.pk)
    if log.status != MessageStatus.FAILED:
        return False
    work = DueWork.objects.select_for_update().filter(key=work_key_of(log)).first()
    if work is None or work.state == WorkState.CANCELLED or not still_applies(work):
        raise TaskError(
            "This message cannot be sent again: the visit it was about has changed or "
            "been cancelled since, or has taken place."
        )
    MessageLog.objects.filter(pk=log.pk).update(
        status=MessageStatus.SENDING,
        reference=uuid.uuid4(),
        notify_id="",
        error="",
        sent_at=None,
        status_at=None,
    )
    # Done, due or claimed: due now. A task already running finds its row no longer
    # claimed and leaves it; the re-run sends only what is not sent yet.
    DueWork.objects.filter(pk=work.pk).update(
        state=WorkState.DUE,
        due_at=timezone.now(),
        attempts=0,
        claim=None,
        claimed_at=None,
        finished_at=None,
    )
    _audit_retry(
        "message.retried",
        log,
        by,
        request,
        {"channel": log.channel, "template": log.template, "notify_status": log.error},
    )
    return True
