"""What a family can do through their "manage my appointment" link.

Each takes the live ``AppointmentLink`` (already checked: signature, expiry,
nonce) and is audited as the public. Cancelling is CSDS "cancelled by the
family" (patient); asking to rearrange gives the guider a task with their words.
"""

from django.db import transaction
from django.utils import timezone

from accounts import audit
from sessions.actions.visits import cancel_visit, why_not_cancel_visit
from sessions.models import VisitState

from .models import AppointmentLink, TaskKind
from .schedule import add_task


class LinkError(ValueError):
    pass


def why_not_manage(link):
    visit = link.visit
    if visit.state != VisitState.BOOKED:
        return LinkError("This appointment can no longer be changed here.")
    if visit.starts_at <= timezone.now():
        return LinkError("This appointment has already started.")
    if visit.programme.is_closed:
        return LinkError("This appointment can no longer be changed here.")
    return None


def _audit(code, link, request, **details):
    programme = link.visit.programme
    audit.record(
        code,
        actor_label="family",
        target=link.visit,
        family_reference=programme.reference,
        team_id=programme.referral.team_id,
        request=request,
        details={"visit": link.visit.pk, **details},
    )


@transaction.atomic
def confirm(*, link, request=None):
    if refusal := why_not_manage(link):
        raise refusal
    updated = AppointmentLink.objects.filter(pk=link.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    if updated:
        _audit("visit.confirmed_by_family", link, request)


@transaction.atomic
def ask_to_rearrange(*, link, message, request=None):
    if refusal := why_not_manage(link):
        raise refusal
    visit, programme = link.visit, link.visit.programme
    task = add_task(
        key=f"rearrange:{link.nonce}:{timezone.now().isoformat()}",
        kind=TaskKind.REARRANGE,
        service=programme.referral.service,
        team=programme.referral.team,
        assignee=programme.guider,
        programme=programme,
        referral=programme.referral,
        visit=visit,
        title=f"{link.caregiver.first_name} asked to rearrange a visit",
        detail=message.strip(),
        due_on=timezone.localdate(),
    )
    _audit("visit.rearrange_asked", link, request, task=str(task.public_id))
    return task


def cancel(*, link, request=None):
    if refusal := why_not_manage(link) or why_not_cancel_visit(link.visit):
        raise LinkError(str(refusal))
    return cancel_visit(
        visit=link.visit,
        cancelled_by_family=True,
        reason=f"Cancelled by {link.caregiver.first_name} using the appointment link.",
        by=None,
        request=request,
    )
