"""Audit events as the audit trail shows them: sentences, never codes or ids.

Each row reads "Visit booked — Tue 1 Dec 2026 at 09:00, family's home": the event
type's label, then what its details say (see ``accounts/audit/vocabulary/``).
People are named from the colleagues the reader may see, with one query for a
whole page however many events and people it holds.
"""

from ..queries import colleague_names
from .registry import event_type, is_registered, label_for


class Names:
    """``names(email_or_id)`` → a colleague's full name, else the email as given."""

    def __init__(self, by_id, by_email):
        self.by_id, self.by_email = by_id, by_email

    def __call__(self, key):
        if key is None or key == "":
            return ""
        if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
            return self.by_id.get(int(key), "")
        return self.by_email.get(str(key).lower(), str(key))


def _account_id(event, user_label):
    if event.target_type == user_label and event.target_id.isdigit():
        return int(event.target_id)
    return None


def _types(events):
    return {e.action: event_type(e.action) for e in events if is_registered(e.action)}


def trail_rows(user, events):
    """Table rows for a page of events, as ``user`` may read them."""
    from ..models import User

    user_label = User._meta.label_lower
    types = _types(events)
    ids, emails = set(), set()
    for event in events:
        ids.add(event.actor_id)
        ids.add(_account_id(event, user_label))
        if event.action in types:
            for person in types[event.action].people(event.details):
                if isinstance(person, int) or str(person).isdigit():
                    ids.add(int(person))
                else:
                    emails.add(str(person).lower())
    by_id, by_email = colleague_names(user, ids=ids, emails=emails)
    names = Names(by_id, by_email)

    rows = []
    for event in events:
        kind = types.get(event.action)
        account = _account_id(event, user_label)
        rows.append(
            {
                "when": event.created_at,
                "person": by_id.get(event.actor_id) or event.actor_label or "Not known",
                "action": kind.label if kind else label_for(event.action),
                "detail": kind.description(event.details, names) if kind else "",
                # Only staff accounts are named here: families are named by their
                # reference, and other records by the sentence itself.
                "record": (by_id.get(account) or "Staff account") if account else "",
                "family_reference": event.family_reference,
                "ip_address": event.ip_address or "",
            }
        )
    return rows


def sentence(row):
    """ "Visit booked — Tue 1 Dec 2026 at 09:00, family's home"."""
    return f"{row['action']} — {row['detail']}" if row["detail"] else row["action"]
