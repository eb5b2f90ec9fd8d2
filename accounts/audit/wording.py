"""Small helpers that turn stored details into words for the audit trail."""

from datetime import date, datetime

from django.utils import timezone


def lower_first(text):
    """ "Family's home" → "family's home", for the middle of a sentence."""
    text = str(text)
    # Leave acronyms alone: "VIG supervisor", not "vIG supervisor".
    if len(text) > 1 and text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def label_of(choices, value, default=""):
    """The label of ``value`` in a TextChoices/IntegerChoices, or ``default``."""
    try:
        return choices(value).label
    except ValueError:
        return default or str(value)


def when(iso_datetime):
    """ "2026-12-01T09:00:00+00:00" → "Tue 1 Dec 2026 at 09:00" (local time)."""
    moment = datetime.fromisoformat(str(iso_datetime))
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%a} {moment.day} {moment:%b %Y} at {moment:%H:%M}"


def day(iso_date):
    """ "2026-03-01" → "1 Mar 2026"."""
    value = date.fromisoformat(str(iso_date)[:10])
    return f"{value.day} {value:%b %Y}"


def joined(*parts, sep=", "):
    return sep.join(str(part) for part in parts if part not in (None, ""))


def listed(items):
    """ "a", "a and b", "a, b and c"."""
    items = [str(item) for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count, singular, many=None):
    count = int(count)
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def sent_to(details):
    """ "to a@example.com" for an email's recipients."""
    to = details.get("to") or []
    if isinstance(to, str):
        to = [to]
    return f"to {listed(to)}" if to else ""
