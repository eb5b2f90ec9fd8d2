"""Consent in words: the form's text as the parent reads it, and its history as
what happened ("Withdrawn on 3 Dec 2026 — filming and keeping the film").

Nothing here touches the database: the pages hand in rows already fetched.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.utils import timezone

from .models import Kind, Scope

# --- The consent form's text ----------------------------------------------------------

BULLET = re.compile(r"^\s*(?:[-*•])\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph (``text``) or a list (``items``) of the form's text."""

    text: str = ""
    items: tuple = ()


def text_blocks(text):
    """The form's text as paragraphs, split on blank lines, each line break inside a
    paragraph read as a space: administrators paste text wrapped at any width, and
    a phone must be free to wrap it again. A block whose every line starts with
    "-", "*" or "•" is a list, one item a line."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(BULLET.match(line) for line in lines):
            blocks.append(Block(items=tuple(BULLET.sub("", line) for line in lines)))
        else:
            blocks.append(Block(text=" ".join(lines)))
    return blocks


# --- The history ----------------------------------------------------------------------

# Each part of the form, as a sentence names it.
SHORT_NAMES = {
    Scope.FILMING: "filming",
    Scope.KEEP_FILM: "keeping the film",
    Scope.SUPERVISOR: "showing clips to the VIG supervisor",
    Scope.GROUP_SUPERVISION: "showing clips in group supervision",
    Scope.TRAINING: "using clips in training",
}

# A withdrawal is named in URLs by the moment it was recorded (UTC, to the
# microsecond): one caregiver's scopes withdrawn together share it.
STAMP_FORMAT = "%Y%m%dT%H%M%S%f"


def withdrawal_stamp(recorded_at):
    return recorded_at.astimezone(UTC).strftime(STAMP_FORMAT) + "Z"


def parse_stamp(stamp):
    """The moment ``stamp`` names, or None if it names none."""
    try:
        return datetime.strptime(stamp.removesuffix("Z"), STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def listed(words):
    """ "a", "a and b", "a, b and c"."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def short_date(day):
    return f"{day:%-d %b %Y}"


def _names(records):
    order = Scope.values
    return listed(SHORT_NAMES[r.scope] for r in sorted(records, key=lambda r: order.index(r.scope)))


def _what_happened(record):
    """How a record reads as the thing that replaced an earlier answer."""
    if record.kind == Kind.WITHDRAWN:
        return f"withdrawn on {short_date(record.effective_on)}"
    if record.granted:
        return f"agreed again on {short_date(timezone.localdate(record.recorded_at))}"
    return f"not agreed on {short_date(timezone.localdate(record.recorded_at))}"


@dataclass
class HistoryEntry:
    """One caregiver's answers, or withdrawal, recorded together."""

    first: object  # the first record: who, when, how (the rest share it)
    records: list
    sentences: list = field(default_factory=list)
    stamp: str = ""

    @property
    def caregiver(self):
        return self.first.caregiver

    @property
    def is_withdrawal(self):
        return self.first.kind == Kind.WITHDRAWN

    @property
    def heading(self):
        name = self.caregiver.full_name
        return (
            f"{name} withdrew consent"
            if self.is_withdrawal
            else f"{name} answered the consent form"
        )


def _sentences(entry, replaced_by):
    first = entry.first
    if entry.is_withdrawal:
        sentences = [f"Withdrawn on {short_date(first.effective_on)} — {_names(entry.records)}"]
    else:
        on = short_date(timezone.localdate(first.recorded_at))
        yes = [r for r in entry.records if r.granted]
        no = [r for r in entry.records if not r.granted]
        sentences = [f"Agreed on {on} — {_names(yes)}"] if yes else []
        sentences += [f"Not agreed on {on} — {_names(no)}"] if no else []
    # What later records changed, grouped by what happened: "filming withdrawn on …".
    changes = {}
    for record in entry.records:
        later = replaced_by.get(record.pk)
        if later is not None:
            changes.setdefault(_what_happened(later), []).append(record)
    if changes:
        said = "; ".join(f"{_names(records)} {what}" for what, records in changes.items())
        sentences.append(f"Since then: {said}")
    return sentences


def _same_answer(one, other):
    return (one.caregiver_id, one.kind, one.recorded_at) == (
        other.caregiver_id,
        other.kind,
        other.recorded_at,
    )


def consent_history(records):
    """``HistoryEntry`` rows, newest first, from every consent record of a family
    (newest first, each with its caregiver)."""
    records = list(records)
    # The record that took each superseded one's place: the same caregiver's next
    # record for that part of the form, recorded at the moment it was superseded.
    by_moment = {(r.caregiver_id, r.scope, r.recorded_at): r for r in records}
    replaced_by = {
        r.pk: by_moment.get((r.caregiver_id, r.scope, r.superseded_at))
        for r in records
        if r.superseded_at is not None
    }
    entries = []
    for record in records:
        if entries and _same_answer(entries[-1].first, record):
            entries[-1].records.append(record)
        else:
            entries.append(HistoryEntry(first=record, records=[record]))
    for entry in entries:
        entry.sentences = _sentences(entry, replaced_by)
        if entry.is_withdrawal:
            entry.stamp = withdrawal_stamp(entry.first.recorded_at)
    return entries
