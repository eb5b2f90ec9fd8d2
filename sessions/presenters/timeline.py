"""One timeline of everything that happened for a family, newest first.

Built from rows the case page has already fetched (``sessions.queries.case_programmes``):
the referral, its triage history and allocations, the programme's state
changes and length changes, consent, goals and ratings, visits, shared
reviews, summaries and what was sent. Nothing here touches the database.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import groupby

from django.utils import timezone

from consent.models import Kind, Scope
from referrals.models import Route, Status

from ..models import (
    CLOSED_STATES,
    DeliveryMethod,
    GoalStatus,
    ProgrammeState,
    RatingWhen,
    VisitState,
)

# Ratings saved together by one action land microseconds apart.
SAME_RATING_ROUND = timedelta(seconds=5)


@dataclass
class Event:
    at: datetime
    title: str
    detail: str = ""
    who: str = ""
    # Only a date is known (a visit cancelled before times were kept): show no time.
    date_only: bool = False
    category: str = "programme"


def _name(user):
    return user.full_name if user else ""


def _end_of_day(day, now):
    """Where a date-only event sorts: the end of its day, but never after now."""
    moment = timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
    return min(moment, now)


def _referral_events(referral):
    if referral.route == Route.PROFESSIONAL:
        source = f"Professional referral from {referral.referrer_name}"
        if referral.referrer_organisation:
            source += f", {referral.referrer_organisation}"
    else:
        source = "Self-referral"
    yield Event(referral.received_at, "Referral received", source, category="referral")
    allocations = list(referral.allocations.all())
    for change in referral.status_changes.all():
        # Receiving it is the event above; being allocated is each allocation's
        # own event below, which says to whom and by whom (the status change
        # written with the first allocation would say it twice).
        if change.status == Status.NEW or (change.status == Status.ALLOCATED and allocations):
            continue
        yield Event(
            change.changed_at,
            f"Referral: {change.get_status_display().lower()}",
            change.note,
            _name(change.changed_by),
            category="referral",
        )
    for allocation in allocations:
        yield Event(
            allocation.allocated_at,
            f"Allocated to {allocation.practitioner.full_name}",
            "",
            _name(allocation.allocated_by),
            category="referral",
        )


def _programme_events(programme):
    previous = None
    for change in programme.state_changes.all():
        if change.state in CLOSED_STATES:
            title = f"Programme ended: {change.get_state_display().lower()}"
            detail = change.note
            if programme.ended_on:
                detail += f". Discharge date {programme.ended_on:%-d %B %Y}"
        elif previous is None:
            title, detail = "Programme opened", ""
        elif change.state == ProgrammeState.ACTIVE and previous != ProgrammeState.PAUSED:
            title, detail = "VIG cycles started", change.note
        elif previous == ProgrammeState.PAUSED:
            title, detail = "Programme resumed", change.note
        else:
            title, detail = f"Programme {change.get_state_display().lower()}", change.note
        previous = change.state
        yield Event(change.changed_at, title, detail, _name(change.changed_by))
    for change in programme.planned_visits_changes.all():
        yield Event(
            change.changed_at,
            f"Planned visits changed from {change.old_number} to {change.new_number}",
            f"{change.reason} (agreed with the family)",
            _name(change.changed_by),
        )


def _consent_events(records):
    def key(record):
        return (record.caregiver_id, record.kind, record.recorded_at)

    for (_, kind, recorded_at), group in groupby(sorted(records, key=key), key=key):
        group = list(group)
        first = group[0]
        caregiver = first.caregiver.full_name
        if kind == Kind.WITHDRAWN:
            scopes = ", ".join(Scope(r.scope).label.lower() for r in group)
            detail = f"Stopped: {scopes}. From {first.effective_on:%-d %B %Y}."
            if first.reason:
                detail += f" Reason: {first.reason}"
            yield Event(
                recorded_at,
                f"{caregiver} withdrew consent",
                detail,
                _name(first.recorded_by),
                category="consent",
            )
        else:
            yes = [Scope(r.scope).label.lower() for r in group if r.granted]
            no = [Scope(r.scope).label.lower() for r in group if not r.granted]
            parts = []
            if yes:
                parts.append("Yes to " + ", ".join(yes))
            if no:
                parts.append("No to " + ", ".join(no))
            method = first.get_method_display()
            version = first.form_version.version if first.form_version else ""
            yield Event(
                recorded_at,
                f"Consent recorded for {caregiver}",
                f"{'. '.join(parts)}. {method}, consent form version {version}.",
                _name(first.recorded_by),
                category="consent",
            )


def _goal_events(goals):
    for goal in goals:
        if goal.revised_from_goal is None:
            yield Event(
                goal.created_at,
                "Goal agreed",
                f"“{goal.text}” Helping question: “{goal.helping_question}”",
                _name(goal.created_by),
                category="goals",
            )
        if goal.status == GoalStatus.REVISED and goal.revised_to_goal is not None:
            new = goal.revised_to_goal
            yield Event(
                goal.status_changed_at or new.created_at,
                "Goal revised",
                f"From “{goal.text}” to “{new.text}”. Helping question: “{new.helping_question}”",
                _name(new.created_by),
                category="goals",
            )
        elif goal.status == GoalStatus.ACHIEVED:
            yield Event(
                goal.status_changed_at or goal.created_at,
                "Goal achieved",
                f"“{goal.text}”",
                category="goals",
            )


def _rating_events(goals):
    ratings = sorted(
        (rating for goal in goals for rating in goal.ratings.all()),
        key=lambda r: (r.recorded_at, r.pk),
    )
    rounds = []
    for rating in ratings:
        last = rounds[-1][-1] if rounds else None
        if (
            last is not None
            and (rating.when, rating.visit_id, rating.rated_on, rating.recorded_by_id)
            == (last.when, last.visit_id, last.rated_on, last.recorded_by_id)
            and rating.recorded_at - last.recorded_at <= SAME_RATING_ROUND
        ):
            rounds[-1].append(rating)
        else:
            rounds.append([rating])
    titles = {
        RatingWhen.BASELINE: "Baseline goal ratings",
        RatingWhen.REVIEW: "Goals rated after a shared review",
        RatingWhen.ENDING: "End of programme goal ratings",
    }
    for ratings_round in rounds:
        first = ratings_round[0]
        scores = "; ".join(f"“{r.goal.text}” {r.score} out of 10" for r in ratings_round)
        yield Event(
            first.recorded_at,
            titles.get(first.when, "Goals rated"),
            f"{scores} (rated on {first.rated_on:%-d %B %Y})",
            _name(first.recorded_by),
            category="goals",
        )


def _visit_events(visits, now):
    for visit in visits:
        starts = timezone.localtime(visit.starts_at)
        what = f"{visit.get_kind_display()} on {starts:%-d %B %Y at %H:%M}"
        booked = "proposed" if visit.state == VisitState.PROPOSED else "booked"
        yield Event(
            visit.created_at,
            f"Visit {booked}: {what}",
            f"{visit.get_place_display()}, {visit.get_mechanism_display().lower()}",
            _name(visit.created_by),
            category="visits",
        )
        if visit.outcome_recorded_at:
            yield Event(
                visit.outcome_recorded_at,
                f"Visit outcome recorded: {what}",
                visit.attendance_label,
                category="visits",
            )
        if visit.cancelled_on:
            when = visit.cancelled_at
            yield Event(
                when or _end_of_day(visit.cancelled_on, now),
                f"Visit cancelled: {what}",
                visit.attendance_label,
                date_only=when is None,
                category="visits",
            )
        review = getattr(visit, "shared_review", None)
        if review is not None:
            detail = f"Strengths named: {review.strengths}"
            yield Event(
                review.recorded_at,
                f"Shared review recorded ({starts:%-d %B %Y})",
                detail,
                _name(review.recorded_by),
                category="visits",
            )
        summary = getattr(visit, "summary", None)
        if summary is not None:
            yield Event(
                summary.written_at,
                f"Session summary written ({starts:%-d %B %Y})",
                "",
                _name(summary.written_by),
                category="visits",
            )
        skip = getattr(visit, "summary_skip", None)
        if skip is not None:
            yield Event(
                skip.skipped_at,
                f"Session summary skipped ({starts:%-d %B %Y})",
                f"Why: {skip.reason}",
                _name(skip.skipped_by),
                category="visits",
            )


def _delivery_events(deliveries):
    for delivery in deliveries:
        what = "Session summary" if delivery.summary_id else "Closing letter"
        if delivery.method == DeliveryMethod.EMAIL:
            how = f"emailed to {delivery.sent_to}"
        else:
            how = "given as a printed letter"
        yield Event(delivery.sent_at, f"{what} {how}", "", _name(delivery.sent_by))


def build_timeline(programme, *, goals, visits, consent_records, deliveries, extra=(), now=None):
    """Every event for ``programme``, newest first.

    ``goals`` carry ``revised_from_goal`` and ``revised_to_goal`` (set by the
    case page from the goals list, so no extra queries are made). A visit
    cancelled before ``cancelled_at`` was kept shows the date alone. ``extra``:
    events another part of the service built with the same fields (films).
    """
    now = now or timezone.now()
    events = [
        *_referral_events(programme.referral),
        *_programme_events(programme),
        *_consent_events(consent_records),
        *_goal_events(goals),
        *_rating_events(goals),
        *_visit_events(visits, now),
        *_delivery_events(deliveries),
        *extra,
    ]
    return sorted(events, key=lambda event: event.at, reverse=True)
