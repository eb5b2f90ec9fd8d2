"""My diary: my visits for a week (Monday first) or for one day, printable.

Visits come from ``sessions.queries.diary_visits`` (scoped by ``visible_to``),
so a family handed on to a colleague leaves the diary with the case.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.permissions import Permission, permission_required
from referrals.queries import family_members

from ..presenters.diary_rows import DIARY_CAREGIVER_FIELDS, diary_rows
from ..queries import diary_visits


@dataclass
class Day:
    day: date
    visits: list
    rows: list  # each visit's <tr> (``diary_rows``)

    @property
    def iso(self):
        return self.day.isoformat()


# A diary far from today is a typing slip, and the edges of the calendar break
# date arithmetic; both are "not found".
YEARS = range(1900, 3000)


def _parse_day(text):
    try:
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        raise Http404("That is not a date.") from None
    if day.year not in YEARS:
        raise Http404("No diary for that year.")
    return day


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _my_visits(user, first_day, days, show_notes=False):
    """``Day``s from ``first_day``, each with ``user``'s visits that start on it and
    their rows (``show_notes``: with the notes and addresses of a printed day)."""
    start, end = _start_of(first_day), _start_of(first_day + timedelta(days=days))
    visits = list(diary_visits(user, start, end))
    family_members([v.programme.referral for v in visits], DIARY_CAREGIVER_FIELDS)
    by_day = {first_day + timedelta(days=n): [] for n in range(days)}
    for visit in visits:
        by_day[timezone.localdate(visit.starts_at)].append(visit)
    return [Day(day, found, diary_rows(found, show_notes)) for day, found in by_day.items()]


@permission_required(Permission.VIEW_OWN_CASELOAD)
@require_safe
def diary(request):
    """The week holding ``?week=YYYY-MM-DD`` (any day of it), this week by default."""
    today = timezone.localdate()
    asked = request.GET.get("week")
    day = _parse_day(asked) if asked else today
    monday = day - timedelta(days=day.weekday())
    days = _my_visits(request.user, monday, 7)
    context = {
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "days": days,
        "visit_count": sum(len(d.visits) for d in days),
        "previous_week": monday - timedelta(weeks=1),
        "next_week": monday + timedelta(weeks=1),
        "this_week": today - timedelta(days=today.weekday()),
        "today": today,
    }
    return render(request, "sessions/diary/week.html", context)


@permission_required(Permission.VIEW_OWN_CASELOAD)
@require_safe
def diary_day(request, day):
    """One day of my visits, to print or take out."""
    day = _parse_day(day)
    (found,) = _my_visits(request.user, day, 1, show_notes=True)
    context = {
        "day": found,
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1),
        "monday": day - timedelta(days=day.weekday()),
        "today": timezone.localdate(),
    }
    return render(request, "sessions/diary/day.html", context)
