"""The family's goals and their Goal Based Outcomes ratings.

Each action's rules about the goal as it stands are its ``why_not_…``
function, which the pages ask too.
"""

from django.db import transaction
from django.utils import timezone

from ..models import MAX_ACTIVE_GOALS, Goal, GoalRating, GoalStatus, RatingWhen
from .base import AuditAction, ProgrammeError, audit_change, lock_open


def why_not_add_goal(programme):
    working_on = programme.goals.filter(status=GoalStatus.ACTIVE).count()
    if working_on >= MAX_ACTIVE_GOALS:
        return ProgrammeError(
            f"A family works on up to {MAX_ACTIVE_GOALS} goals at a time. Mark one achieved "
            "or revise it instead.",
            explanation=f"The family is already working on {working_on} goals, the most at one "
            "time. Mark one achieved or revise it instead.",
        )
    return None


def _not_active(goal):
    if goal.status == GoalStatus.ACHIEVED:
        return "This goal has been achieved."
    return "This goal was revised. Work with its new wording instead."


def why_not_revise_goal(goal):
    if goal.status != GoalStatus.ACTIVE:
        return ProgrammeError(
            "Only a goal the family is working on can be revised.",
            explanation=_not_active(goal),
        )
    return None


def why_not_mark_achieved(goal):
    """A goal already achieved stays so (``mark_goal_achieved`` returns it)."""
    if goal.status == GoalStatus.REVISED:
        return ProgrammeError(
            "This goal was revised; mark the new wording achieved instead.",
            explanation=_not_active(goal),
        )
    if goal.status != GoalStatus.ACTIVE:
        return ProgrammeError(_not_active(goal))
    return None


def why_not_rate_goals(programme):
    if not programme.goals.filter(status=GoalStatus.ACTIVE).exists():
        return ProgrammeError("Add a goal with the family before rating it.")
    return None


@transaction.atomic
def add_goal(*, programme, text: str, helping_question: str, by, baseline=None, request=None):
    """A new goal; with ``baseline``, the parent's first rating of it too."""
    programme = lock_open(programme)
    if refusal := why_not_add_goal(programme):
        raise refusal
    goal = Goal.objects.create(
        programme=programme,
        text=text.strip(),
        helping_question=helping_question.strip(),
        created_by=by,
    )
    audit_change(AuditAction.GOAL_ADDED, programme, by, request, goal=goal.pk)
    if baseline is not None:
        rate_goals(
            programme=programme,
            scores={goal.pk: baseline},
            when=RatingWhen.BASELINE,
            by=by,
            request=request,
        )
    return goal


@transaction.atomic
def revise_goal(*, goal, text: str, helping_question: str, by, request=None):
    """New wording for a goal; the old wording stays in the history."""
    programme = lock_open(goal.programme)
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if refusal := why_not_revise_goal(goal):
        raise refusal
    if text.strip() == goal.text and helping_question.strip() == goal.helping_question:
        return goal
    now = timezone.now()
    new = Goal.objects.create(
        programme=programme,
        text=text.strip(),
        helping_question=helping_question.strip(),
        created_by=by,
        created_at=now,
    )
    goal.status, goal.revised_to, goal.status_changed_at = GoalStatus.REVISED, new, now
    goal.save(update_fields=["status", "revised_to", "status_changed_at"])
    audit_change(
        AuditAction.GOAL_REVISED, programme, by, request, goal={"from": goal.pk, "to": new.pk}
    )
    return new


@transaction.atomic
def mark_goal_achieved(*, goal, by, request=None):
    programme = lock_open(goal.programme)
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.status == GoalStatus.ACHIEVED:
        return goal
    if refusal := why_not_mark_achieved(goal):
        raise refusal
    goal.status, goal.status_changed_at = GoalStatus.ACHIEVED, timezone.now()
    goal.save(update_fields=["status", "status_changed_at"])
    audit_change(AuditAction.GOAL_ACHIEVED, programme, by, request, goal=goal.pk)
    return goal


def save_ratings(programme, scores: dict, when, visit, by, rated_on):
    goals = {g.pk: g for g in programme.goals.filter(status=GoalStatus.ACTIVE)}
    if when == RatingWhen.ENDING:
        goals |= {g.pk: g for g in programme.goals.filter(status=GoalStatus.ACHIEVED)}
    unknown = set(scores) - set(goals)
    if unknown:
        raise ProgrammeError("Those goals are not this family's current goals.")
    for score in scores.values():
        if score is None or not 0 <= int(score) <= 10:
            raise ProgrammeError("Each rating is a whole number from 0 to 10.")
    ratings = GoalRating.objects.bulk_create(
        GoalRating(
            goal=goals[pk],
            score=int(score),
            when=when,
            visit=visit,
            rated_on=rated_on or timezone.localdate(),
            recorded_by=by,
        )
        for pk, score in scores.items()
    )
    return ratings


@transaction.atomic
def rate_goals(*, programme, scores: dict, when, by, visit=None, rated_on=None, request=None):
    """Goal Based Outcomes: ``scores`` maps goal id → 0..10."""
    programme = lock_open(programme)
    if not scores:
        raise ProgrammeError("Rate at least one goal.")
    ratings = save_ratings(programme, scores, when, visit, by, rated_on)
    audit_change(
        AuditAction.GOALS_RATED,
        programme,
        by,
        request,
        when=when,
        scores={str(k): int(v) for k, v in scores.items()},
    )
    return ratings
