"""Every programme's visits, goals and ratings."""

import uuid
from datetime import UTC, datetime, time, timedelta

from sessions.models import Visit

from .constants import ATTENDANCE, MECHANISMS, PLACES, weighted

VISIT_COLUMNS = [
    "public_id",
    "programme_id",
    "practitioner_id",
    "team_id",
    "kind",
    "state",
    "starts_at",
    "duration_minutes",
    "ends_at",
    "place",
    "place_detail",
    "mechanism",
    "attendance",
    "cancelled_on",
    "cancelled_at",
    "notes",
    "created_by_id",
    "created_at",
    "outcome_recorded_at",
]


def _kind(j, count, closed):
    if j == 0:
        return "first_meeting"
    if closed and j == count - 1:
        return "ending"
    if j == 1:
        return "pre_vig"
    return "filming" if j % 2 == 0 else "shared_review"


def taken_slots(service):
    """The hours already booked for the service's practitioners (when adding to it)."""
    taken = {}
    booked = Visit.objects.filter(practitioner__team__service=service).values_list(
        "practitioner_id", "starts_at"
    )
    for practitioner, starts_at in booked.iterator():
        start = starts_at.astimezone(UTC)
        taken.setdefault(practitioner, set()).add(start.date().toordinal() * 24 + start.hour)
    return taken


def visit_rows(rng, plan, now, goals, ratings, goal_id, taken):
    """Every programme's visits, about weekly, never two at once for a practitioner."""
    for pid, guider, opened, count, closed, team in plan:
        busy = taken.setdefault(guider, set())
        day = opened.date() + timedelta(days=rng.randint(3, 10))
        first_seen = None
        future = 0
        for j in range(count):
            while day.weekday() >= 5:
                day += timedelta(days=1)
            hours = list(range(9, 17))
            rng.shuffle(hours)
            slot = next((h for h in hours if day.toordinal() * 24 + h not in busy), None)
            if slot is None:
                day += timedelta(days=1)
                continue
            busy.add(day.toordinal() * 24 + slot)
            starts = datetime.combine(day, time(slot), tzinfo=UTC)
            minutes = rng.choice((45, 60, 60, 60))
            kind = _kind(j, count, closed)
            if starts >= now:
                future += 1
                if future > 2:
                    break
                attendance, state = "0", "booked"
            elif rng.random() < 0.003:
                attendance, state = "0", "booked"  # past, outcome not yet recorded
            else:
                attendance = weighted(rng, ATTENDANCE)
                state = "cancelled" if attendance in ("2", "4") else "happened"
            cancelled_on = (
                (starts - timedelta(days=rng.randint(1, 3))).date()
                if state == "cancelled"
                else None
            )
            cancelled_at = (
                datetime.combine(cancelled_on, time(9), tzinfo=UTC) if cancelled_on else None
            )
            if attendance in ("5", "6") and first_seen is None:
                first_seen = day
            yield (
                uuid.uuid4(),
                pid,
                guider,
                team,
                kind,
                state,
                starts,
                minutes,
                starts + timedelta(minutes=minutes),
                weighted(rng, PLACES),
                "",
                weighted(rng, MECHANISMS),
                attendance,
                cancelled_on,
                cancelled_at,
                "",
                guider,
                starts - timedelta(days=7),
                starts + timedelta(hours=2) if state == "happened" else None,
            )
            day += timedelta(days=7 + rng.randint(-1, 2))
        if first_seen is not None and count >= 2:
            for _ in range(rng.choice((1, 2, 2, 3))):
                gid = goal_id + len(goals)
                created = datetime.combine(first_seen, time(12), tzinfo=UTC)
                goals.append(
                    (
                        gid,
                        uuid.uuid4(),
                        pid,
                        "A goal in the parent's words",
                        "How can I…?",
                        "active",
                        None,
                        guider,
                        created,
                        None,
                    )
                )
                baseline = rng.randint(0, 5)
                ratings.append(
                    (gid, baseline, "baseline", None, "2.0", first_seen, guider, created)
                )
                last_day = min(day, now.date())
                if last_day > first_seen:
                    score = max(0, min(10, round(baseline + rng.gauss(3, 2))))
                    when = "ending" if closed else "review"
                    ratings.append((gid, score, when, None, "2.0", last_day, guider, created))
