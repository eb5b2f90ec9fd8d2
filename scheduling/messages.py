"""Messages to families about their visits, from due work (``runner``).

Every message goes to each caregiver by the route their contact preferences
allow (``contact.route``), and leaves one ``MessageLog`` row whose unique key is
checked before the send and completed after it:

- email (SMTP, with the calendar invitation): the log row is inserted as sent
  and the email sent in one transaction, so a worker that dies mid-send leaves
  no row and the re-run sends it once; a key already logged fails the insert,
  and the row is then read under its lock;
- by Notify (text, email, letter; ``channels``): the row is committed as
  ``sending`` first; a re-run finding it so asks Notify whether a message with
  its ``reference`` went before sending.

A family who may not be messaged gets a ``withheld`` row, and the guider one
"phone the family" task per visit (``phoning``).
"""

from datetime import datetime, timedelta

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from sessions.models import VisitState

from . import channels, contact, ics, languages, links, phoning, wording
from .models import Channel, MessageLog, MessageStatus
from .runner import Withdrawn


def _same_time(visit, work):
    return visit.starts_at.isoformat() == work.payload.get("starts_at")


def visit_message(work):
    """The booked, changed or cancelled message of ``work.payload['event']``."""
    visit, event = work.visit, work.payload["event"]
    if event == "cancelled":
        if visit.state != VisitState.CANCELLED:
            raise Withdrawn("the visit is no longer cancelled")
    elif visit.state != VisitState.BOOKED or not _same_time(visit, work):
        raise Withdrawn("the visit changed again; its own message says so")
    _to_family(work, event)


def reminder(work):
    visit = work.visit
    if visit.state != VisitState.BOOKED or not _same_time(visit, work):
        raise Withdrawn("the visit was moved or cancelled after the reminder was planned")
    if visit.starts_at <= timezone.now():
        raise Withdrawn("the visit has started")
    _to_family(work, "reminder", days=work.payload["days"])


def _to_family(work, event, days=None):
    """Each caregiver's message. The caregivers and their links are read (and the
    missing links made) for the whole family at once: the queries per message
    are the same for one caregiver or several."""
    visit = work.visit
    caregivers = links.caregivers_with_links(visit)
    routes = {caregiver.pk: contact.route(caregiver) for caregiver in caregivers}
    if event != "cancelled":
        links.give_links(visit, [c for c in caregivers if routes[c.pk].sends])
    for caregiver in caregivers:
        deliver(work, caregiver, event, routes[caregiver.pk], days=days)


def deliver(work, caregiver, event, route, *, days=None):
    visit, service = work.visit, work.service
    key = f"{work.key}:{caregiver.pk}"
    about = {"service": service, "programme": visit.programme, "visit": visit}
    if not route.sends:
        phoning.withheld(
            key=key, caregiver=caregiver, event=event, why=route.why_not, about=about, days=days
        )
        return
    link_url = ""
    if event != "cancelled":
        link_url = links.url_for_nonce(caregiver.link_nonce)
    if route.channel == Channel.EMAIL and not channels.email_by_notify(event):
        _email(key, caregiver, event, days, route, link_url, work, about)
        channels.after_english(caregiver, languages.is_english(caregiver), about)
    else:  # Notify (text, email, letter) or a letter the team posts
        channels.deliver(key, caregiver, event, days, route, link_url, about)


def _email(key, caregiver, event, days, route, link_url, work, about):
    visit, service = about["visit"], about["service"]
    subject, _intro = wording.subject_and_intro(event, visit, days)
    message = EmailMessage(
        subject=subject,
        body=wording.email_body(
            event, visit, caregiver, service=service, link_url=link_url, days=days
        ),
        to=[route.address],
    )
    if event != "reminder":
        invitation = ics.invitation(
            visit,
            sequence=work.payload.get("sequence", 0),
            cancel=event == "cancelled",
            summary=f"{wording.KIND_NAMES.get(visit.kind, 'visit').capitalize()} "
            f"with {service.name}",
            location=wording.where(visit, caregiver),
        )
        method = "CANCEL" if event == "cancelled" else "REQUEST"
        message.attach("invite.ics", invitation, f"text/calendar; method={method}")
    try:
        # The usual case, a message not logged yet: the row is inserted as sent
        # (a run of the same key at once waits here for ours to end) and the
        # email sent in one transaction: a failed send rolls the row back, so
        # there is never a "sent" row without the send, nor a send without it.
        with transaction.atomic():
            MessageLog.objects.create(
                key=key,
                **about,
                channel=Channel.EMAIL,
                template=f"visit_{event}",
                recipient=route.address,
                status=MessageStatus.SENT,
                sent_at=timezone.now(),
            )
            message.send()
        return
    except IntegrityError:
        pass  # the key is logged already: decide under the row's lock
    with transaction.atomic():
        log = MessageLog.objects.select_for_update().only("status").get(key=key)
        if log.status != MessageStatus.SENDING:
            return  # sent (or withheld) before
        _send(message, log)  # a text left "sending", now going by email


def _send(message, log):
    message.send()
    MessageLog.objects.filter(pk=log.pk).update(status=MessageStatus.SENT, sent_at=timezone.now())


def reminder_time(visit, days):
    """``days`` before the visit at the same local time (right across clock changes)."""
    local = timezone.localtime(visit.starts_at)
    wall = datetime.combine(local.date() - timedelta(days=days), local.time())
    return timezone.make_aware(wall)
