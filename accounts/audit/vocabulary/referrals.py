"""Referrals: received, read, triaged, allocated, linked, acknowledged."""

from ..registry import register
from ..wording import joined, label_of, lower_first, sent_to


def _route(details, names):
    from referrals.models import Route

    route = details.get("route")
    return lower_first(label_of(Route, route)) if route else ""


def _status_and_priority(state):
    from referrals.codes import Priority
    from referrals.models import Status

    if not isinstance(state, dict):
        return ""
    status = label_of(Status, state.get("status")) if state.get("status") else ""
    priority = label_of(Priority, state.get("priority")) if state.get("priority") else ""
    return joined(lower_first(status) if status else "", lower_first(priority) if priority else "")


def _triaged(details, names):
    old, new = _status_and_priority(details.get("from")), _status_and_priority(details.get("to"))
    return joined(f"now {new}" if new else "", f"was {old}" if old else "", sep="; ")


def _allocated(details, names):
    to = names(details.get("to"))
    before = names(details.get("from"))
    return joined(f"to {to}" if to else "", f"was {before}" if before else "", sep="; ")


SUBMITTED = register(
    "referral.submitted",
    "Referral received",
    holds="route: self or professional referral; service: the service's short name (slug).",
    describe=_route,
)
VIEWED = register("referral.viewed", "Referral read", holds="Nothing: who read it, and when.")
TRIAGED = register(
    "referral.triaged",
    "Referral triaged",
    holds="from and to: status and priority before and after; note: the reason given.",
    describe=_triaged,
)
ALLOCATED = register(
    "referral.allocated",
    "Referral allocated",
    holds="from and to: email addresses of the previous and new practitioner.",
    describe=_allocated,
    mentions=lambda d: [d.get("from"), d.get("to")],
)
DUPLICATE_LINKED = register(
    "referral.duplicate_linked",
    "Linked as a possible duplicate",
    holds="linked_to: the reference of the other referral.",
    describe=lambda d, names: f"of {d['linked_to']}" if d.get("linked_to") else "",
)
ACKNOWLEDGED = register(
    "referral.acknowledgement_sent",
    "Acknowledgement emailed",
    holds="to: the address the acknowledgement went to.",
    describe=lambda d, names: sent_to(d),
)
DIFFERENT_FAMILIES = register(
    "referral.different_families",
    "Marked as a different family",
    holds="different_from: the reference of the referral it was compared with.",
    describe=lambda d, names: (
        f"not the same family as {d['different_from']}" if d.get("different_from") else ""
    ),
)

CONTACT_CHANGED = register(
    "referral.contact_changed",
    "Contact preferences changed",
    holds="caregiver: the caregiver's id; changed: the names of the fields changed "
    "(never their values).",
)
