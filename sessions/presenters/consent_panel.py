"""What a family has agreed to, read from consent records already fetched.

The rule for "allowed now" is ``consent.queries.allowed_now``; these helpers
only feed it the records a page has prefetched, so a list of families does not
ask the database once per family.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from consent.models import Kind, Scope
from consent.queries import allowed_now

from ..models import VisitKind, VisitState


def current_by_caregiver(records):
    """``{caregiver_id: {scope: record}}`` from records, keeping those in force."""
    current = defaultdict(dict)
    for record in records:
        if record.superseded_at is None:
            current[record.caregiver_id][record.scope] = record
    return current


class FilmingStatus:
    ALLOWED = "allowed"
    NOT_ASKED = "not_asked"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


FILMING_STATUS_LABELS = {
    FilmingStatus.ALLOWED: "Filming allowed",
    FilmingStatus.NOT_ASKED: "No consent yet",
    FilmingStatus.REFUSED: "Filming not agreed",
    FilmingStatus.WITHDRAWN: "Filming withdrawn",
}


def filming_status(current):
    """Allowed, not asked yet, refused, or withdrawn — for a tag."""
    if allowed_now(None, current=current)[Scope.FILMING]:
        return FilmingStatus.ALLOWED
    answers = [records[Scope.FILMING] for records in current.values() if Scope.FILMING in records]
    if not answers:
        return FilmingStatus.NOT_ASKED
    if any(answer.kind == Kind.WITHDRAWN for answer in answers):
        return FilmingStatus.WITHDRAWN
    return FilmingStatus.REFUSED


def filming_status_of(programme):
    """``filming_status`` from a programme annotated by
    ``sessions.queries.with_filming_consent`` (the caseload), with no records loaded:
    allowed when somebody answered and nobody said no or withdrew."""
    if not programme.filming_answered:
        return FilmingStatus.NOT_ASKED
    if not programme.filming_refused:
        return FilmingStatus.ALLOWED
    if programme.filming_withdrawn:
        return FilmingStatus.WITHDRAWN
    return FilmingStatus.REFUSED


@dataclass
class ConsentPanel:
    """The case page's "What the family has agreed to now"."""

    allowed: list  # [(scope label, bool)]
    filming: str
    filming_label: str
    answered_by: list  # [(caregiver, latest record)]
    affected_filming_visits: list = field(default_factory=list)

    @property
    def filming_allowed(self):
        return self.filming == FilmingStatus.ALLOWED


def consent_panel(records, caregivers, visits, now):
    """From a programme's prefetched consent records, caregivers and visits."""
    current = current_by_caregiver(records)
    allowed = allowed_now(None, current=current)
    status = filming_status(current)
    latest = {}
    for caregiver_id, by_scope in current.items():
        latest[caregiver_id] = max(by_scope.values(), key=lambda r: (r.recorded_at, r.pk))
    affected = []
    if status != FilmingStatus.ALLOWED:
        affected = [
            visit
            for visit in visits
            if visit.kind == VisitKind.FILMING
            and visit.state in (VisitState.PROPOSED, VisitState.BOOKED)
            and visit.starts_at >= now
        ]
    return ConsentPanel(
        allowed=[(scope.label, allowed[scope]) for scope in Scope],
        filming=status,
        filming_label=FILMING_STATUS_LABELS[status],
        answered_by=[(c, latest[c.pk]) for c in caregivers if c.pk in latest],
        affected_filming_visits=affected,
    )
