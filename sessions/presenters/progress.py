"""Where a family is in the programme, from counts the queries annotate
(``Programme.objects.with_progress`` and ``sessions.queries.with_needs_action``)."""

from ..models import GoalStatus, VisitState
from .progress_chart import gbo_chart

# The first steps with a new family, in the order they are usually taken, as the
# caseload lists them: (annotation from ``sessions.queries.with_needs_action``, words).
FIRST_STEPS = (
    ("consent_due", "Record consent"),
    ("goals_due", "Agree goals"),
    ("first_visit_due", "Book the first meeting"),
)


def first_steps(programme):
    """The words of each first step ``programme`` still needs (annotated rows)."""
    return [words for name, words in FIRST_STEPS if getattr(programme, name)]


def needs_action_count(programme):
    return (
        len(first_steps(programme))
        + programme.outcomes_due
        + programme.summaries_due
        + programme.baselines_due
    )


def cycle_label(programme):
    """Where the family is in the film → review cycles.

    A cycle starts with a filming visit and ends with the shared review of it.
    """
    filmed, reviewed = programme.filmings_done, programme.cycles_done
    if not filmed and not reviewed:
        return "Not started"
    if filmed > reviewed:
        return f"Cycle {filmed}: filmed, review to come"
    return f"Cycle {reviewed}: reviewed"


def goals_with_history(goals):
    """The goals being worked on or achieved, each with its ``chart`` and earlier
    wordings (``earlier_wordings``); every goal also gets ``revised_from_goal`` and
    ``revised_to_goal``, which the timeline reads."""
    by_pk = {goal.pk: goal for goal in goals}
    for goal in goals:
        goal.revised_from_goal = None
        goal.revised_to_goal = by_pk.get(goal.revised_to_id)
    for goal in goals:
        if goal.revised_to_goal is not None:
            goal.revised_to_goal.revised_from_goal = goal
    current = []
    for goal in goals:
        if goal.status == GoalStatus.REVISED:
            continue
        goal.rating_list = list(goal.ratings.all())
        goal.chart = gbo_chart(goal.text, goal.rating_list)
        earlier, before = [], goal.revised_from_goal
        while before is not None:
            earlier.append(before)
            before = before.revised_from_goal
        goal.earlier_wordings = earlier
        current.append(goal)
    # Goals being worked on first, then those achieved.
    return sorted(current, key=lambda g: (g.status != GoalStatus.ACTIVE, g.created_at, g.pk))


def split_visits(visits, now):
    """``(coming up, soonest first; past and cancelled, newest first)``."""
    upcoming = [
        visit
        for visit in visits
        if visit.state in (VisitState.PROPOSED, VisitState.BOOKED) and visit.starts_at >= now
    ]
    upcoming_ids = {visit.pk for visit in upcoming}
    past = [visit for visit in visits if visit.pk not in upcoming_ids]
    return upcoming, sorted(past, key=lambda v: v.starts_at, reverse=True)
