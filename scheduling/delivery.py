"""What a delivery receipt changes: the message log, and a task when one failed."""

from django.db import transaction
from django.utils import timezone

from .models import Channel, MessageLog, MessageStatus, TaskKind
from .schedule import add_task

WHAT = {Channel.TEXT: "a text", Channel.EMAIL: "an email", Channel.LETTER: "a letter"}


def delivered(notify_id):
    MessageLog.objects.filter(notify_id=notify_id, status=MessageStatus.SENT).update(
        status=MessageStatus.DELIVERED, status_at=timezone.now()
    )


@transaction.atomic
def failed(notify_id, status):
    log = (
        # Lock the log row only: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer joins select_related makes.
        MessageLog.objects.select_for_update(of=("self",))
        .filter(notify_id=notify_id)
        .select_related("programme__referral", "programme__guider", "visit")
        .first()
    )
    if log is None or log.status == MessageStatus.FAILED:
        return
    log.status, log.error, log.status_at = MessageStatus.FAILED, status, timezone.now()
    log.save(update_fields=["status", "error", "status_at"])
    programme = log.programme
    if programme is not None:
        add_task(
            key=f"failed:{log.pk}",
            kind=TaskKind.PHONE_FAMILY,
            service=log.service,
            team=programme.referral.team,
            assignee=programme.guider,
            programme=programme,
            referral=programme.referral,
            visit=log.visit,
            title=f"Phone the family: {WHAT.get(log.channel, 'a message')} to them could "
            "not be delivered",
            detail=f"Notify said: {status.replace('-', ' ')}.",
            due_on=timezone.localdate(),
        )
