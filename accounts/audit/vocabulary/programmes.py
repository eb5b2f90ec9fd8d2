"""Programmes and their visits, goals, summaries and ending."""

from ..registry import register
from ..wording import day, joined, label_of, lower_first, plural, sent_to, when


def _models():
    from sessions import models

    return models


def _change(details, key, choices=None):
    change = details.get(key)
    if not isinstance(change, dict):
        return "", ""
    old, new = change.get("from"), change.get("to")
    if choices is not None:
        old = label_of(choices, old) if old else ""
        new = label_of(choices, new) if new else ""
    return old, new


def _programme_changed(details, names):
    if "state" in details:
        old, new = _change(details, "state", _models().ProgrammeState)
        return joined(f"from {old}" if old else "", f"to {new}" if new else "", sep=" ")
    if "guider" in details:
        old, new = _change(details, "guider")
        return joined(f"guider now {names(new)}" if new else "", f"was {names(old)}" if old else "")
    return ""


def _visit_time_and_place(details, names):
    models = _models()
    place = details.get("place")
    kind = details.get("kind")
    return joined(
        when(details["starts_at"]) if details.get("starts_at") else "",
        lower_first(label_of(models.Place, place)) if place else "",
        lower_first(label_of(models.VisitKind, kind)) if kind else "",
    )


def _moved(details, names):
    described = _visit_time_and_place(details, names)
    return f"now {described}" if described else ""


def _delivery(details, names):
    method = details.get("method")
    if not method:
        return ""
    return "by email" if method == "email" else "as a printed letter"


def _ended(details, names):
    models = _models()
    reason = details.get("reason")
    return joined(
        label_of(models.EndReason, reason) if reason else "",
        f"on {day(details['ended_on'])}" if details.get("ended_on") else "",
    )


def _rated(details, names):
    when_rated = details.get("when")
    scores = details.get("scores") or {}
    occasion = lower_first(label_of(_models().RatingWhen, when_rated)) if when_rated else ""
    return joined(plural(len(scores), "goal") if scores else "", occasion)


def _replanned(details, names):
    old, new = _change(details, "planned")
    if new in ("", None):
        return ""
    return joined(f"now {plural(new, 'visit')}", f"was {old}" if old not in ("", None) else "")


OPENED = register(
    "programme.opened",
    "Programme opened",
    holds="guider: the email address of the practitioner guiding the family.",
    describe=lambda d, names: f"guided by {names(d['guider'])}" if d.get("guider") else "",
    mentions=lambda d: [d.get("guider")],
)
VIEWED = register(
    "programme.viewed", "Family's case read", holds="Nothing: who read the case, and when."
)
STATE_CHANGED = register(
    "programme.state_changed",
    "Programme changed",
    holds="state: from and to (Pre-VIG, active, paused); or guider: from and to, as emails.",
    describe=_programme_changed,
    mentions=lambda d: list((d.get("guider") or {}).values()) if "guider" in d else [],
)
VISITS_REPLANNED = register(
    "programme.planned_visits_changed",
    "Planned visits changed",
    holds="planned: the number of visits before (from) and after (to).",
    describe=_replanned,
)
GOAL_ADDED = register(
    "programme.goal_added", "Goal added", holds="goal: the new goal's id (not its words)."
)
GOAL_REVISED = register(
    "programme.goal_revised",
    "Goal reworded",
    holds="goal: ids of the old wording (from) and the new (to).",
)
GOAL_ACHIEVED = register(
    "programme.goal_achieved", "Goal marked achieved", holds="goal: the goal's id."
)
GOALS_RATED = register(
    "programme.goals_rated",
    "Goals rated",
    holds="when: baseline, review or ending; scores: the 0 to 10 rating for each goal id.",
    describe=_rated,
)
VISIT_BOOKED = register(
    "visit.booked",
    "Visit booked",
    holds="visit: the visit's id; starts_at: when (ISO 8601); place: where; kind: what kind.",
    describe=_visit_time_and_place,
)
VISIT_CHANGED = register(
    "visit.changed",
    "Visit changed",
    holds="visit: the visit's id; starts_at: the new time (ISO 8601); place: where now.",
    describe=_moved,
)
VISIT_CANCELLED = register(
    "visit.cancelled",
    "Visit cancelled",
    holds="visit: the visit's id; by_family: whether the family cancelled (else the service).",
    describe=lambda d, names: "by the family" if d.get("by_family") else "by the service",
)
VISIT_OUTCOME = register(
    "visit.outcome_recorded",
    "Visit outcome recorded",
    holds="visit: the visit's id; attendance: the CSDS attendance code.",
    describe=lambda d, names: lower_first(label_of(_models().Attendance, d["attendance"])),
)
REVIEW_RECORDED = register(
    "visit.shared_review_recorded", "Shared review recorded", holds="visit: the visit's id."
)
SUMMARY_WRITTEN = register(
    "visit.summary_written", "Session summary written", holds="visit: the visit's id."
)
SUMMARY_SKIPPED = register(
    "visit.summary_skipped",
    "Session summary skipped",
    holds="visit: the visit's id. Why there is no summary is kept with the visit, not here.",
)
SUMMARY_SENT = register(
    "visit.summary_sent",
    "Session summary sent",
    holds="visit: the visit's id; method: email or printed letter.",
    describe=_delivery,
)
SUMMARY_EMAILED = register(
    "visit.summary_emailed",
    "Session summary emailed",
    holds="to: the address the summary went to. The target is the delivery.",
    describe=lambda d, names: sent_to(d),
)
ENDED = register(
    "programme.ended",
    "Programme ended",
    holds="reason: why it ended; ended_on: the discharge date.",
    describe=_ended,
)
CLOSING_LETTER_SENT = register(
    "programme.closing_letter_sent",
    "Closing letter sent",
    holds="method: email or printed letter.",
    describe=_delivery,
)
CLOSING_LETTER_EMAILED = register(
    "programme.closing_letter_emailed",
    "Closing letter emailed",
    holds="to: the address the letter went to. The target is the delivery.",
    describe=lambda d, names: sent_to(d),
)
