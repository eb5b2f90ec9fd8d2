"""Sending a visit message by GOV.UK Notify (text, email, letter) or as a letter
the team posts: every route but an SMTP email (ADR 0010, 0014).

Idempotency is the same for every Notify message: the log row is committed as
``sending`` with a random ``reference`` (no personal data) before Notify is
called; a re-run that finds it so asks Notify for that reference before
sending again. The template is the family's language where a translated one is
configured (``languages``); a message that goes in English to a family who
needs an interpreter gives the guider a task to explain it, once per visit.
"""

from django.conf import settings
from django.utils import timezone

from sessions.models import VisitKind

from . import contact, languages, letters, notify, phoning, wording
from .models import Channel, MessageLog, MessageStatus

KINDS = {Channel.TEXT: "text", Channel.EMAIL: "email", Channel.LETTER: "letter"}


def email_by_notify(event):
    """Emails go by Notify once a key and the English template are configured;
    until then by SMTP, with the calendar invitation attached."""
    return contact.notify_enabled() and bool(
        getattr(settings, "NOTIFY_EMAIL_TEMPLATES", {}).get(f"visit_{event}")
    )


def personalisation(event, visit, caregiver, *, service, link_url="", days=None):
    """What a Notify template is filled with. ``date`` and ``time`` carry no words,
    for templates in other languages; the rest are in English."""
    local = timezone.localtime(visit.starts_at)
    contact_line = " or ".join(filter(None, [service.contact_phone, service.contact_email]))
    return {
        **wording.text_personalisation(
            event, visit, caregiver, service=service, link_url=link_url, days=days
        ),
        "subject": wording.subject_and_intro(event, visit, days)[0],
        "date": f"{local:%d/%m/%Y}",
        "time": f"{local:%H:%M}",
        "what_to_expect": wording.FILMING_EXPECT if visit.kind == VisitKind.FILMING else "",
        "contact": contact_line,
        "has_link": "yes" if link_url else "no",
    }


def deliver(key, caregiver, event, days, route, link_url, about):
    """By Notify (text, email, letter), or a letter the team posts; a letter that
    could not arrive in time becomes a line on the visit's "phone the family" task."""
    visit = about["visit"]
    kind = KINDS[route.channel]
    template_id, theirs = languages.template_for(kind, f"visit_{event}", caregiver)
    if route.channel == Channel.LETTER:
        if not letters.arrives_in_time(visit):
            phoning.withheld(
                key=key,
                caregiver=caregiver,
                event=event,
                why=letters.TOO_LATE,
                about=about,
                days=days,
            )
            return
        if not (contact.notify_enabled() and template_id):
            letters.post_by_hand(key, caregiver, event, days, route, about)
            after_english(caregiver, languages.is_english(caregiver), about)
            return
    fields = personalisation(
        event,
        visit,
        caregiver,
        service=about["service"],
        link_url="" if route.channel == Channel.LETTER else link_url,
        days=days,
    )
    _by_notify(key, caregiver, event, route, template_id, fields, about, theirs)


def after_english(caregiver, in_their_language, about):
    if languages.needs_explaining(caregiver, in_their_language):
        languages.explain_through_interpreter(caregiver, about)


def _by_notify(key, caregiver, event, route, template_id, fields, about, theirs):
    log, created = MessageLog.objects.get_or_create(
        key=key,
        defaults={
            **about,
            "channel": route.channel,
            "template": f"visit_{event}",
            "recipient": route.address,
            "status": MessageStatus.SENDING,
        },
    )
    if log.status != MessageStatus.SENDING:
        return
    after_english(caregiver, theirs, about)
    notify_id = "" if created else notify.already_sent(log.reference)
    if not notify_id:
        notify_id = _send(route, caregiver, template_id, fields, log.reference)
    MessageLog.objects.filter(pk=log.pk, status=MessageStatus.SENDING).update(
        status=MessageStatus.SENT, notify_id=notify_id, sent_at=timezone.now()
    )


def _send(route, caregiver, template_id, fields, reference):
    if route.channel == Channel.TEXT:
        return notify.send_text(
            phone=route.address,
            template_id=template_id,
            personalisation=fields,
            reference=reference,
        )
    if route.channel == Channel.EMAIL:
        return notify.send_email(
            email=route.address,
            template_id=template_id,
            personalisation=fields,
            reference=reference,
        )
    lines = letters.address_lines(caregiver)
    return notify.send_letter(
        template_id=template_id,
        personalisation=letters.notify_personalisation(lines, fields),
        reference=reference,
    )
