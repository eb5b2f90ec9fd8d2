"""Starting a journey, and its question pages, one form each."""

from django.http import Http404
from django.shortcuts import redirect, render

from ...journey import CHILD_STEP
from ...public_forms import long_date
from .common import (
    continue_url,
    journey_view,
    load_progress,
    page_context,
    rate_limited,
    redirect_to_progress,
    too_many_attempts,
)
from .services import who_it_is_for

STEP_TEMPLATES = {"other-children": "referrals/public/other_children.html"}


@journey_view
def start(request, journey):
    if journey.submitted:
        journey.restart()  # a new referral; the last one's confirmation has been seen
    return render(
        request,
        "referrals/public/journey_start.html",
        page_context(
            journey,
            first_url=journey.step_url(journey.flow[0].name),
            who_it_is_for=who_it_is_for(journey.service),
        ),
    )


# --- Question pages --------------------------------------------------------------------------


@journey_view
def step(request, journey, step):
    step = journey.step(step)
    if step is None:
        raise Http404
    if not journey.started and step is journey.flow[0]:
        journey.start()
    progress, elsewhere = load_progress(request, journey)
    if elsewhere:
        return elsewhere
    if not progress.reachable(step.name):
        return redirect_to_progress(journey, progress)
    change = request.GET.get("change") == "1"
    result = next(r for r in progress.results if r.step is step)
    form = result.form
    if request.method == "POST":
        if step.eligibility and rate_limited(request, "PUBLIC_ELIGIBILITY_RATE"):
            return too_many_attempts(request, journey.service)
        form = step.form_class(data=request.POST, ctx=form.ctx)
        if form.is_valid():
            return _saved(journey, step, form, change)
    back_url = journey.url("check") if change else None
    if back_url is None:
        previous = progress.previous(step.name)
        back_url = journey.step_url(previous) if previous else journey.url("start")
    context = page_context(journey, form=form, step=step, back_url=back_url)
    if step.name == "other-children":
        context["children"] = _children_rows(journey, progress)
    return render(request, _template(step), context)


def _template(step):
    if step.name in STEP_TEMPLATES:
        return STEP_TEMPLATES[step.name]
    if getattr(step.form_class, "grouped", False):
        return "referrals/public/question_group.html"
    return "referrals/public/question.html"


def _saved(journey, step, form, change):
    cleaned = form.cleaned_data
    if step.name == "family-agreed" and cleaned["family_agreed"] is False:
        journey.forget(step.name)
        journey.forget_family()
        return redirect(journey.url("not_agreed"))
    if step.name == "other-children" and cleaned.get("add_another"):
        return redirect(journey.url("add_child") + ("?change=1" if change else ""))
    journey.save(step, form)
    if cleaned.get("other_children"):  # a professional adds brothers and sisters next
        return redirect(journey.url("add_child"))
    progress = journey.evaluate()
    if progress.ineligible:
        journey.not_eligible(progress.ineligible)
        return redirect(journey.url("not_eligible"))
    return redirect(continue_url(journey, progress, step.name, change))


def _children_rows(journey, progress):
    answers = progress.answers
    name = f"{answers['child_first_name']} {answers['child_last_name']}".strip()
    if answers.get("born", True):
        first = (name or "Your child", f"Born {long_date(answers['date_of_birth'])}")
    else:
        first = (name or "Unborn baby", f"Due {long_date(answers['due_date'])}")
    rows = [
        {
            "label": first[0],
            "value": first[1],
            "change_url": journey.step_url(CHILD_STEP[journey.route]),
        },
    ]
    for index, child in enumerate(progress.children):
        rows.append(
            {
                "label": f"{child['first_name']} {child['last_name']}".strip(),
                "value": f"Born {long_date(child['date_of_birth'])}",
                "change_url": journey.url("edit_child", index=index),
                "remove_url": journey.url("remove_child", index=index),
            }
        )
    return rows
