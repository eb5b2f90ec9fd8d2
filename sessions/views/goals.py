"""The family's goals in their own words, helping questions, and GBO ratings.

Writes go through ``sessions.actions`` (``pages.attempt``); after each, back to
the case page, where the goals, their history and the ratings chart live.
"""

from .. import actions
from ..forms.goals import ConfirmForm, NewGoalForm, RatingsForm, ReviseGoalForm
from ..queries import active_goals
from .access import get_goal, programme_page
from .pages import attempt, explain, render_page

FORM_PAGE = ("GET", "POST")


@programme_page(methods=FORM_PAGE, changes=True)
def add(request, programme):
    form = NewGoalForm(request.POST if request.method == "POST" else None)

    def add_goal(data):
        return actions.add_goal(
            programme=programme,
            text=data["text"],
            helping_question=data["helping_question"],
            baseline=data["baseline"],
            by=request.user,
            request=request,
        )

    if done := attempt(request, form, add_goal, success="Goal added", then=programme):
        return done
    return render_page(
        request,
        programme,
        "sessions/goals/add.html",
        form=form,
        at_most=explain(actions.why_not_add_goal(programme)),
    )


@programme_page(methods=FORM_PAGE, changes=True)
def revise(request, programme, goal_id):
    goal = get_goal(programme, goal_id)
    form = ReviseGoalForm(request.POST if request.method == "POST" else None, goal=goal)

    def revise_goal(data):
        return actions.revise_goal(
            goal=goal,
            text=data["text"],
            helping_question=data["helping_question"],
            by=request.user,
            request=request,
        )

    if done := attempt(
        request,
        form,
        revise_goal,
        success="Goal revised. The old wording stays in its history",
        then=programme,
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/goals/revise.html",
        form=form,
        goal=goal,
        blocked="" if request.method == "POST" else explain(actions.why_not_revise_goal(goal)),
    )


@programme_page(methods=FORM_PAGE, changes=True)
def achieved(request, programme, goal_id):
    goal = get_goal(programme, goal_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)

    def mark_goal_achieved(data):
        return actions.mark_goal_achieved(goal=goal, by=request.user, request=request)

    if done := attempt(
        request,
        form,
        mark_goal_achieved,
        success=f"Goal marked achieved: {goal.text}",
        then=programme,
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/goals/achieved.html",
        form=form,
        goal=goal,
        blocked="" if request.method == "POST" else explain(actions.why_not_mark_achieved(goal)),
    )


@programme_page(methods=FORM_PAGE, changes=True)
def ratings(request, programme):
    goals = list(active_goals(programme))
    form = RatingsForm(
        request.POST if request.method == "POST" else None, programme=programme, goals=goals
    )

    def rate_goals(data):
        return actions.rate_goals(
            programme=programme,
            scores=form.scores(),
            when=data["when"],
            rated_on=data["rated_on"],
            by=request.user,
            request=request,
        )

    # With no goals there is nothing to rate, and the page says so.
    refusal = actions.why_not_rate_goals(programme) if not goals else None
    if not refusal and (
        done := attempt(request, form, rate_goals, success="Ratings saved", then=programme)
    ):
        return done
    return render_page(
        request,
        programme,
        "sessions/goals/ratings.html",
        form=form,
        goals=goals,
        blocked=explain(refusal),
    )
