"""The audit trail: one vocabulary of event types, one way to record them.

- ``record(EVENT, actor=…, target=…, details=…)`` writes an event, inside the
  transaction of the change it describes (``accounts/audit/recorder.py``);
- every event type has a code, a plain-English label and a note of what its
  details hold, registered in ``accounts/audit/vocabulary/`` (``registry.py``);
- ``accounts/audit/presenters.py`` turns events into the sentences the audit
  trail shows.
"""

from . import vocabulary  # noqa: F401 — registers every event type
from .recorder import MASK, SENSITIVE_KEYS, client_ip, mask, record
from .registry import (
    EventType,
    UnregisteredEventType,
    event_type,
    is_registered,
    label_for,
    registered_types,
)

__all__ = [
    "MASK",
    "SENSITIVE_KEYS",
    "EventType",
    "UnregisteredEventType",
    "client_ip",
    "event_type",
    "is_registered",
    "label_for",
    "mask",
    "record",
    "registered_types",
]
