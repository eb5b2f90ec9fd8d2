"""One "phone the family" task per visit and caregiver, not one per message (ADR 0013).

A family who may not be messaged is told nothing in writing: each message about
a visit (booked, changed, reminders, cancelled) is logged as ``withheld`` and
added to the guider's one open task for that visit and caregiver, which lists
what they have not been told and carries the visit's time now in its title. Once
the guider marks it done (they phoned), the next withheld message opens a new one.

A visit the family cancelled themselves needs no call about it: their open task
for it is removed when the visit is cancelled (``visit_cancelled``), and the
cancellation message adds nothing. A visit the service cancelled keeps the task
open, now saying it is cancelled: the family may know the date from their last
visit even though nothing was sent.
"""

from django.db import transaction
from django.utils import timezone

from sessions.models import Attendance, Visit

from . import wording
from .models import Channel, MessageLog, MessageStatus, StaffTask, TaskKind


def _prefix(visit, caregiver=None):
    return f"phone:visit:{visit.pk}:" + (f"{caregiver.pk}:" if caregiver is not None else "")


def open_tasks(visit, caregiver=None):
    """The open phone task(s) about ``visit`` (for ``caregiver``, when given)."""
    return StaffTask.objects.filter(
        visit=visit,
        kind=TaskKind.PHONE_FAMILY,
        done_at__isnull=True,
        key__startswith=_prefix(visit, caregiver),
    )


def _what(event, visit, days):
    kind = wording.KIND_NAMES.get(visit.kind, "visit")
    when = wording.when(visit)
    if event == "booked":
        return f"Booked: their {kind} on {when}"
    if event == "changed":
        return f"Changed: their {kind} is now on {when}"
    if event == "cancelled":
        return f"Cancelled: their {kind} on {when} will not go ahead"
    return f"Reminder: their {kind} on {when} is in {days} days"


def _title(event, visit, caregiver):
    name = caregiver.full_name if caregiver else "the family"
    kind = wording.KIND_NAMES.get(visit.kind, "visit")
    if event == "cancelled":
        return f"Phone {name}: their {kind} on {wording.when(visit)} is cancelled"
    return f"Phone {name} about their {kind} on {wording.when(visit)}"


@transaction.atomic
def withheld(*, key, caregiver, event, why, about, days=None):
    """Log the message ``key`` as withheld and put it on the open phone task.

    The log row is the marker: a re-run of the same message finds it and adds
    nothing, so a line is never added twice.
    """
    visit = about["visit"]
    log, created = MessageLog.objects.get_or_create(
        key=key,
        defaults={
            **about,
            "channel": Channel.NONE,
            "template": f"visit_{event}",
            "status": MessageStatus.WITHHELD,
            "error": why,
        },
    )
    if not created:
        return None
    if event == "cancelled" and visit.attendance == Attendance.CANCELLED_BY_FAMILY:
        return None  # they told us: there is nothing to tell them
    # One task per visit and caregiver, even with two messages withheld at once:
    # the visit's row lock makes the second wait for the first's task.
    Visit.objects.select_for_update().filter(pk=visit.pk).values_list("pk").first()
    line = _what(event, visit, days)
    task = open_tasks(visit, caregiver).select_for_update().first()
    if task is None:
        programme = visit.programme
        return StaffTask.objects.create(
            key=f"{_prefix(visit, caregiver)}{log.pk}",
            kind=TaskKind.PHONE_FAMILY,
            service=about["service"],
            team=programme.referral.team,
            assignee=programme.guider,
            programme=programme,
            referral=programme.referral,
            visit=visit,
            title=_title(event, visit, caregiver),
            detail=f"Nothing was sent in writing because {why}. Tell them:\n- {line}",
            due_on=timezone.localdate(),
        )
    task.title = _title(event, visit, caregiver)
    task.detail = f"{task.detail}\n- {line}"
    task.save(update_fields=["title", "detail"])
    return task


def visit_cancelled(visit):
    """From the cancelling action: cancelled by the family, no call is needed."""
    if visit.attendance == Attendance.CANCELLED_BY_FAMILY:
        open_tasks(visit).delete()
