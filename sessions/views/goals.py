"""The family's goals in their own words, helping questions, and GBO ratings.

Writes go through ``sessions.actions``; after each, back to the case page,
where the goals, their history and the ratings chart live.
"""

from django.contrib import messages
from django.db import transaction
from django.views.decorators.http import require_http_methods

from .. import actions
from ..actions import ProgrammeError
from ..forms.goals import GoalForm, NewGoalForm, RatingsForm
from ..models import GoalStatus, RatingWhen
from .programme_access import get_goal, programme_page, render_page, to_case


def _not_active(goal):
    if goal.status == GoalStatus.ACHIEVED:
        return "This goal has been achieved."
    if goal.status == GoalStatus.REVISED:
        return "This goal was revised. Work with its new wording instead."
    return ""


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def add(request, programme):
    form = NewGoalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                goal = actions.add_goal(
                    programme=programme,
                    text=data["text"],
                    helping_question=data["helping_question"],
                    by=request.user,
                    request=request,
                )
                if data["baseline"] is not None:
                    actions.rate_goals(
                        programme=programme,
                        scores={goal.pk: data["baseline"]},
                        when=RatingWhen.BASELINE,
                        by=request.user,
                        request=request,
                    )
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Goal added")
            return to_case(programme)
    active = programme.goals.filter(status=GoalStatus.ACTIVE).count()
    return render_page(
        request, programme, "sessions/goals/add.html", form=form, active_goals=active
    )


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def revise(request, programme, goal_id):
    goal = get_goal(programme, goal_id)
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        initial={"text": goal.text, "helping_question": goal.helping_question},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = actions.revise_goal(
                goal=goal,
                text=data["text"],
                helping_question=data["helping_question"],
                by=request.user,
                request=request,
            )
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            if new.pk == goal.pk:
                form.add_error("text", "Change the goal or its helping question to revise it")
            else:
                messages.success(request, "Goal revised. The old wording stays in its history")
                return to_case(programme)
    return render_page(
        request,
        programme,
        "sessions/goals/revise.html",
        form=form,
        goal=goal,
        blocked="" if request.method == "POST" else _not_active(goal),
    )


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def achieved(request, programme, goal_id):
    goal = get_goal(programme, goal_id)
    error = ""
    if request.method == "POST":
        try:
            actions.mark_goal_achieved(goal=goal, by=request.user, request=request)
        except ProgrammeError as problem:
            error = str(problem)
        else:
            messages.success(request, f"Goal marked achieved: {goal.text}")
            return to_case(programme)
    return render_page(
        request,
        programme,
        "sessions/goals/achieved.html",
        goal=goal,
        error=error,
        blocked="" if request.method == "POST" else _not_active(goal),
    )


@programme_page(changes=True)
@require_http_methods(["GET", "POST"])
def ratings(request, programme):
    goals = list(programme.goals.filter(status=GoalStatus.ACTIVE))
    form = RatingsForm(
        request.POST if request.method == "POST" else None, programme=programme, goals=goals
    )
    if request.method == "POST" and goals and form.is_valid():
        data = form.cleaned_data
        try:
            actions.rate_goals(
                programme=programme,
                scores=form.scores(),
                when=data["when"],
                rated_on=data["rated_on"],
                by=request.user,
                request=request,
            )
        except ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Ratings saved")
            return to_case(programme)
    return render_page(
        request,
        programme,
        "sessions/goals/ratings.html",
        form=form,
        goals=goals,
        blocked="" if goals else "Add a goal with the family before rating it.",
    )
