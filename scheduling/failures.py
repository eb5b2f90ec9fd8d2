"""Failed due work and failed messages, as the team lead's page shows them (ADR 0013).

Each row says what it was, which family (the reference only), when it failed,
how many attempts it had, and the last error in plain words: the raw error can
name an address or a server and means nothing to a team lead.
"""

from dataclasses import dataclass
from datetime import datetime

from .models import DueWork, MessageLog, WorkKind

# The last error, by the start of what the runner recorded (``repr`` of the error).
# First match wins.
ERROR_WORDS = (
    (
        ("The task never finished",),
        "It was started five times and never finished: each time the worker or the "
        "message queue stopped before it was done.",
    ),
    (("SMTP",), "The mail server would not take the email."),
    (
        ("HTTP503Error", "HTTPError", "APIError", "InvalidResponse"),
        "GOV.UK Notify did not accept the message.",
    ),
    (
        ("ConnectionRefusedError", "ConnectionResetError", "TimeoutError", "gaierror", "OSError"),
        "The mail server or GOV.UK Notify could not be reached.",
    ),
)
BUG = (
    "An error in this service stopped it (it has been logged for the developers). "
    "Trying again may not help until it is fixed."
)

# What GOV.UK Notify said of a text it could not deliver (its callback statuses).
NOTIFY_WORDS = {
    "permanent-failure": "The phone number does not exist or cannot receive texts.",
    "temporary-failure": "The phone was off, out of signal or full for 3 days.",
    "technical-failure": "GOV.UK Notify had a technical problem and did not send it.",
    "validation-failed": "GOV.UK Notify refused the message as it was written.",
}

MESSAGE_NAMES = {
    "visit_booked": "Visit booked message",
    "visit_changed": "Visit changed message",
    "visit_cancelled": "Visit cancelled message",
    "visit_reminder": "Visit reminder",
}


def in_words(last_error):
    if not last_error:
        return "No error was recorded."
    for starts, words in ERROR_WORDS:
        if last_error.startswith(starts):
            return words
    return BUG


def referral_of(row):
    """The family's referral a failed row is about, or None (loaded rows only)."""
    if row.visit_id:
        return row.visit.programme.referral
    if row.programme_id:
        return row.programme.referral
    return getattr(row, "referral", None)


def work_key_of(message):
    """The due work a visit message came from: its key is ``<work key>:<caregiver>``
    (``messages.deliver``)."""
    return message.key.rpartition(":")[0]


def still_applies(work):
    """Whether the visit is as the message said, so it may be sent again: the same
    test the message's own run makes (``messages.visit_message``, ``reminder``)."""
    from django.utils import timezone

    from sessions.models import VisitState

    visit = work.visit
    if visit is None:
        return True
    if work.payload.get("event") == "cancelled":
        return visit.state == VisitState.CANCELLED
    return (
        visit.state == VisitState.BOOKED
        and visit.starts_at.isoformat() == work.payload.get("starts_at")
        and visit.starts_at > timezone.now()
    )


@dataclass(frozen=True)
class Row:
    kind: str  # "work" or "message": what "Try again" posts
    pk: int
    what: str
    family: str
    when: datetime | None
    attempts: str
    error: str


def work_row(work: DueWork) -> Row:
    referral = referral_of(work)
    what = work.get_kind_display()
    if work.kind == WorkKind.REMINDER:
        what = f"Visit reminder ({work.payload.get('days')} days before)"
    return Row(
        kind="work",
        pk=work.pk,
        what=what,
        family=referral.reference if referral else "",
        when=work.finished_at or work.due_at,
        attempts=str(work.attempts),
        error=in_words(work.last_error),
    )


def message_row(message: MessageLog) -> Row:
    referral = referral_of(message)
    channel = message.get_channel_display().lower()
    return Row(
        kind="message",
        pk=message.pk,
        what=f"{MESSAGE_NAMES.get(message.template, message.template)} ({channel})",
        family=referral.reference if referral else "",
        when=message.status_at or message.sent_at,
        attempts="Sent once, not delivered",
        error=NOTIFY_WORDS.get(message.error, "GOV.UK Notify could not deliver it."),
    )
