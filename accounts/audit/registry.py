"""The one list of things the audit trail records, each with a name in words.

Every event type is registered once, in ``accounts/audit/vocabulary/``, with:

- ``code``: what is stored in ``AuditEvent.action`` (``"visit.booked"``);
- ``label``: the plain-English name shown to people ("Visit booked");
- ``holds``: a short description of what the event's ``details`` hold;
- ``describe``: an optional function turning the details into the rest of the
  sentence shown on the audit trail ("Tue 1 Dec 2026 at 09:00, family's home");
- ``mentions``: an optional function naming the colleagues (emails or ids) the
  details refer to, so a page of events names them all with one query.

``accounts.audit.record`` refuses a code that is not registered, so a new kind
of event needs its entry here before anything can record it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


class UnregisteredEventType(ValueError):
    """An audit event type that is not in the vocabulary."""


@dataclass(frozen=True)
class EventType:
    code: str
    label: str
    holds: str
    describe: Callable | None = None
    mentions: Callable[[dict], Iterable] | None = None

    def __str__(self):
        return self.code

    def description(self, details, names):
        """The words after the label, or "" when the details add nothing."""
        if self.describe is None or not isinstance(details, dict):
            return ""
        try:
            return self.describe(details, names) or ""
        except (KeyError, TypeError, ValueError, AttributeError):
            # Details written before a type's shape changed still show their label.
            return ""

    def people(self, details):
        if self.mentions is None or not isinstance(details, dict):
            return ()
        try:
            return tuple(p for p in self.mentions(details) if p)
        except (KeyError, TypeError, AttributeError):
            return ()


_EVENT_TYPES: dict[str, EventType] = {}


def register(code, label, *, holds, describe=None, mentions=None):
    """Add an event type to the vocabulary and return it."""
    if code in _EVENT_TYPES:
        raise ValueError(f"Audit event type {code!r} is registered twice.")
    event_type = EventType(code, label, holds, describe, mentions)
    _EVENT_TYPES[code] = event_type
    return event_type


def event_type(code):
    """The registered type for ``code``; ``UnregisteredEventType`` if there is none."""
    try:
        return _EVENT_TYPES[str(code)]
    except KeyError:
        raise UnregisteredEventType(
            f"{code!r} is not a registered audit event type: add it to "
            "accounts/audit/vocabulary/ with a label and what its details hold."
        ) from None


def is_registered(code):
    return str(code) in _EVENT_TYPES


def registered_types():
    """Every registered event type, in the order they were registered."""
    return list(_EVENT_TYPES.values())


def label_for(code):
    """The label for ``code``, or words made from an unregistered (old) code."""
    if str(code) in _EVENT_TYPES:
        return _EVENT_TYPES[str(code)].label
    words = str(code).replace(".", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Event"
