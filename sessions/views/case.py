"""A family's case page: who they are, what they agreed to, goals, visits and a timeline.

The programme comes with everything the page shows (``sessions.queries.case_programmes``),
so the page makes the same number of queries however long the family's record;
what is due is asked of those rows (``sessions.queries.progress_of`` and its kin);
the presenters turn those rows into the consent panel, goals and timeline.
Every view of a case is audited.
"""

from django.conf import settings
from django.utils import timezone

from films.queries import destroy_date as film_destroy_date
from films.queries import timeline_events as film_events

from ..actions import state_moves
from ..models import GoalStatus, ProgrammeState
from ..presenters.consent_panel import consent_panel
from ..presenters.progress import cycle_label, goals_with_history, split_visits
from ..presenters.timeline import build_timeline
from ..queries import (
    case_programmes,
    goal_needs_baseline,
    progress_of,
    visit_needs_outcome,
    visit_needs_summary,
)
from .access import can_work_on, programme_page
from .pages import render_page


@programme_page(programmes=case_programmes)
def case(request, programme):
    """Everything about the family's programme on one page."""
    now = timezone.now()
    referral = programme.referral
    caregivers = list(referral.caregivers.all())
    visits = list(programme.visits.all())
    goal_rows = list(programme.goals.all())
    consent_records = list(programme.consent_records.all())
    goals = goals_with_history(goal_rows)
    upcoming, past = split_visits(visits, now)
    is_open = not programme.is_closed
    # What the lists annotate in SQL, from the rows this page has (cycle_label and
    # the template read them from the programme, as from a list's rows).
    for name, value in progress_of(visits, goal_rows, consent_records, now).items():
        setattr(programme, name, value)

    return render_page(
        request,
        programme,
        "sessions/case/case.html",
        cycle=cycle_label(programme),
        consent=consent_panel(consent_records, caregivers, visits, now),
        goals=goals,
        active_goals=[g for g in goals if g.status == GoalStatus.ACTIVE],
        upcoming=upcoming,
        past=past,
        consent_due=is_open and programme.consent_due,
        goals_due=is_open and programme.goals_due,
        first_visit_due=is_open and programme.first_visit_due,
        outcomes_due=[v for v in visits if is_open and visit_needs_outcome(v, now)],
        summaries_due=[v for v in visits if is_open and visit_needs_summary(v)],
        baselines_due=[g for g in goals if is_open and goal_needs_baseline(g)],
        timeline=build_timeline(
            programme,
            goals=goal_rows,
            visits=visits,
            consent_records=consent_records,
            deliveries=list(programme.deliveries.all()),
            extra=film_events(programme),
            now=now,
        ),
        film_destroy_date=film_destroy_date(programme),
        film_retention_days=settings.FILM_RETENTION_DAYS,
        can_work=can_work_on(request.user, programme),
        can_pause=ProgrammeState.PAUSED in state_moves(programme),
        now=now,
    )
