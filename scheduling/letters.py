"""Letters by post, for a family who asked for them (ADR 0014).

With GOV.UK Notify (a letter template configured) a letter goes through
Notify's letter API; without it the guider is given a "post this letter" task
and a page to print it from. Either way the letter needs a postal address whose
last line is a valid UK postcode (Notify refuses anything else), and must be
able to arrive before the visit: a letter that would arrive too late becomes a
"phone the family" task instead.
"""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from referrals.validation import normalise_postcode

from . import wording
from .models import Channel, Letter, MessageLog, MessageStatus, TaskKind
from .schedule import add_task

# Notify: 3 to 7 lines, the name first and the postcode last.
MAX_LINES = 7
# Posted today, a first or second class letter is through the door within about
# three working days; a weekend in between makes that five calendar days.
DAYS_TO_ARRIVE = 5
TOO_LATE = "a letter posted now could arrive after the visit"


def address_lines(caregiver):
    """[name, address lines…, postcode] for an envelope, or None when there is no
    address with a valid UK postcode to post to."""
    try:
        postcode = normalise_postcode(caregiver.postcode)
    except ValidationError:
        return None
    compact = postcode.replace(" ", "")
    lines = [
        part.strip()
        for part in re.split(r"[\n,]", caregiver.address or "")
        if part.strip() and part.strip().replace(" ", "").upper() != compact
    ]
    if not lines or not caregiver.full_name:
        return None
    room = MAX_LINES - 2
    if len(lines) > room:  # keep every part: the overflow shares the last line
        lines = [*lines[: room - 1], ", ".join(lines[room - 1 :])]
    return [caregiver.full_name, *lines, postcode]


def arrives_in_time(visit):
    return visit.starts_at - timezone.now() >= timedelta(days=DAYS_TO_ARRIVE)


def compose(event, visit, caregiver, *, service, days=None):
    """(subject, body): the email's words without the link, which nobody can type
    from paper; the service's phone number is how to answer."""
    subject, _intro = wording.subject_and_intro(event, visit, days)
    body = wording.email_body(event, visit, caregiver, service=service, days=days)
    return subject, body


def notify_personalisation(lines, fields):
    """Notify's letter fields: ``address_line_1`` … ``address_line_7``."""
    address = {f"address_line_{n}": line for n, line in enumerate(lines, start=1)}
    return {**address, **fields}


def post_by_hand(key, caregiver, event, days, route, about):
    """The letter written down for the guider to print and post: once, by ``key``."""
    visit, service = about["visit"], about["service"]
    log, created = MessageLog.objects.get_or_create(
        key=key,
        defaults={
            **about,
            "channel": Channel.LETTER,
            "template": f"visit_{event}",
            "recipient": route.address,
            "status": MessageStatus.TO_POST,
        },
    )
    if not created:
        return
    subject, body = compose(event, visit, caregiver, service=service, days=days)
    programme = visit.programme
    task = add_task(
        key=f"post:{key}",
        kind=TaskKind.POST_LETTER,
        service=service,
        team=programme.referral.team,
        assignee=programme.guider,
        programme=programme,
        referral=programme.referral,
        visit=visit,
        title=f"Post a letter to {caregiver.full_name}: {subject.lower()}",
        detail="They asked for letters by post. Print the letter and post it first class today.",
        due_on=timezone.localdate(),
    )
    Letter.objects.create(
        task=task,
        message=log,
        address_lines=address_lines(caregiver),
        subject=subject,
        body=body,
    )
