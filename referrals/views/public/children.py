"""Other children in the family (brothers and sisters): add, change, remove."""

from django.http import Http404
from django.shortcuts import redirect, render

from ...public_forms import MAX_OTHER_CHILDREN
from .common import journey_view, load_progress, page_context, redirect_to_progress


def _child_page_allowed(request, journey):
    progress, elsewhere = load_progress(request, journey)
    if elsewhere:
        return None, elsewhere
    if not progress.reachable(journey.children_step.name):
        return None, redirect_to_progress(journey, progress)
    return progress, None


def _list_url(journey, progress=None):
    """The page listing the children added, with "add another?"; for a professional who
    has added none yet, the page about the child, where they chose to add one."""
    progress = progress or journey.evaluate()
    step = journey.children_step.name
    if progress.reachable("other-children") and (progress.children or step == "other-children"):
        return journey.step_url("other-children")
    return journey.step_url(step)


def _after_child_change(journey, change):
    if change:
        progress = journey.evaluate()
        if progress.complete:
            return redirect(journey.url("check"))
        return redirect_to_progress(journey, progress)
    return redirect(_list_url(journey))


@journey_view
def add_child(request, journey):
    return _child_page(request, journey, index=None)


@journey_view
def edit_child(request, journey, index):
    return _child_page(request, journey, index=index)


def _child_page(request, journey, index):
    progress, elsewhere = _child_page_allowed(request, journey)
    if elsewhere:
        return elsewhere
    saved = journey.other_children_data
    if index is not None and index >= len(saved):
        raise Http404
    if index is None and len(saved) >= MAX_OTHER_CHILDREN:
        return redirect(_list_url(journey, progress))
    change = request.GET.get("change") == "1"
    if request.method == "POST":
        form = journey.child_form(request.POST)
        if form.is_valid():
            journey.save_child(form, index)
            return _after_child_change(journey, change)
    else:
        form = journey.child_form(saved[index] if index is not None else None)
    back_url = journey.url("check") if change else _list_url(journey, progress)
    return render(
        request,
        "referrals/public/question.html",
        page_context(journey, form=form, back_url=back_url),
    )


@journey_view
def remove_child(request, journey, index):
    progress, elsewhere = _child_page_allowed(request, journey)
    if elsewhere:
        return elsewhere
    if index >= len(journey.other_children_data):
        raise Http404
    change = request.GET.get("change") == "1"
    if request.method == "POST":
        journey.remove_child(index)
        return _after_child_change(journey, change)
    child = journey.child_form(journey.other_children_data[index])
    child.is_valid()
    name = " ".join(
        filter(None, [child.cleaned_data.get("first_name"), child.cleaned_data.get("last_name")])
    )
    back_url = journey.url("check") if change else _list_url(journey, progress)
    return render(
        request,
        "referrals/public/remove_child.html",
        page_context(journey, child_name=name or "this child", back_url=back_url),
    )
