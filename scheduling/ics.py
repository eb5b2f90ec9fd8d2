"""Calendar invitations for visits (RFC 5545/5546, via ``icalendar``).

One stable UID per visit; ``METHOD:REQUEST`` with a rising ``SEQUENCE`` on each
change; ``METHOD:CANCEL`` with the same UID cancels. Times are in Europe/London
with its VTIMEZONE, so a calendar shows 10:00 on both sides of a clock change.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event, Timezone

LONDON = ZoneInfo("Europe/London")


def uid(visit):
    return f"visit-{visit.public_id}@vig-service"


def invitation(visit, *, sequence, cancel=False, summary, location, description=""):
    cal = Calendar()
    cal.add("prodid", "-//VIG Service//Visits//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancel else "REQUEST")
    starts = visit.starts_at.astimezone(LONDON)
    ends = visit.ends_at.astimezone(LONDON)
    cal.add_component(
        Timezone.from_tzinfo(
            LONDON, first_date=date(starts.year - 1, 1, 1), last_date=date(ends.year + 1, 1, 1)
        )
    )
    event = Event()
    event.add("uid", uid(visit))
    event.add("sequence", sequence)
    event.add("dtstamp", datetime.now(tz=LONDON))
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("summary", summary)
    event.add("location", location)
    event.add("description", description)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("organizer", f"mailto:{_from_address()}")
    cal.add_component(event)
    return cal.to_ical()


def _from_address():
    sender = settings.DEFAULT_FROM_EMAIL
    return sender.split("<")[-1].rstrip(">").strip() if "<" in sender else sender


def current_sequence(visit):
    """The SEQUENCE of the latest invitation sent about ``visit`` (the count of
    messages before it, as ``planning`` numbers them): a download made after it
    updates the same calendar entry instead of adding a second."""
    from .models import DueWork, WorkKind

    sent = DueWork.objects.filter(visit=visit, kind=WorkKind.VISIT_MESSAGE).count()
    return max(sent - 1, 0)


def for_family(visit, caregiver, *, service, sequence):
    """The invitation as the booking email attaches it (``messages._email``)."""
    from . import wording

    return invitation(
        visit,
        sequence=sequence,
        summary=f"{wording.KIND_NAMES.get(visit.kind, 'visit').capitalize()} with {service.name}",
        location=wording.where(visit, caregiver),
    )
