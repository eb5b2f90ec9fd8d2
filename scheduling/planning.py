"""What booking, changing and cancelling a visit puts on the schedule.

Called by ``sessions.actions.visits`` inside their transaction. Only a *booked*
visit is told to the family: a proposed one waits for the guider to confirm it.
"""

from django.utils import timezone

from sessions.models import VisitState

from . import links, phoning
from .messages import reminder_time
from .models import DueWork, FollowUpSettings, WorkKind
from .schedule import add_work, cancel_work


def _service(visit):
    return visit.programme.referral.service


def _sequence(visit):
    """The ICS SEQUENCE of the next message: one more for each earlier one."""
    return DueWork.objects.filter(visit=visit, kind=WorkKind.VISIT_MESSAGE).count()


def _message(visit, event):
    stamp = visit.starts_at.isoformat() if event != "cancelled" else "x"
    sequence = _sequence(visit)
    add_work(
        key=f"msg:{visit.public_id}:{event}:{sequence}:{stamp}",
        kind=WorkKind.VISIT_MESSAGE,
        service=_service(visit),
        due_at=timezone.now(),
        now_=True,
        programme=visit.programme,
        visit=visit,
        payload={"event": event, "sequence": sequence, "starts_at": visit.starts_at.isoformat()},
    )


def _reminders(visit):
    rules = FollowUpSettings.for_service(_service(visit))
    now = timezone.now()
    for days in {rules.first_reminder_days, rules.second_reminder_days} - {0}:
        due_at = reminder_time(visit, days)
        if due_at <= now:
            continue  # booked too late for this one
        add_work(
            key=f"remind:{visit.public_id}:{days}:{visit.starts_at.isoformat()}",
            kind=WorkKind.REMINDER,
            service=_service(visit),
            due_at=due_at,
            programme=visit.programme,
            visit=visit,
            payload={"days": days, "starts_at": visit.starts_at.isoformat()},
        )


def _cancel_reminders(visit):
    cancel_work(DueWork.objects.filter(visit=visit, kind=WorkKind.REMINDER))


def _ahead(visit):
    """Only visits still to come are told (a visit recorded afterwards is not)."""
    return visit.starts_at > timezone.now()


def visit_booked(visit):
    if visit.state == VisitState.BOOKED and _ahead(visit):
        _message(visit, "booked")
        _reminders(visit)


def visit_changed(visit, *, was_state, was_starts_at):
    if visit.state != VisitState.BOOKED or not _ahead(visit):
        return
    if was_state == VisitState.PROPOSED:
        _message(visit, "booked")
        _reminders(visit)
    elif was_starts_at != visit.starts_at:
        _cancel_reminders(visit)
        _message(visit, "changed")
        _reminders(visit)
    else:
        # Same time, another place or mechanism: the family still hears of it.
        _message(visit, "changed")


def visit_cancelled(visit, *, was_state):
    _cancel_reminders(visit)
    cancel_work(DueWork.objects.filter(visit=visit, kind=WorkKind.VISIT_MESSAGE))
    links.revoke_for_visit(visit)
    phoning.visit_cancelled(visit)
    if was_state == VisitState.BOOKED and _ahead(visit):
        _message(visit, "cancelled")
