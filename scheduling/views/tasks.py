"""My tasks: due today, overdue and upcoming; done with one click (audited)."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from accounts.permissions import Permission, permission_required

from .. import actions, queries


@permission_required(Permission.VIEW_OWN_CASELOAD)
@require_safe
def my_tasks(request):
    lists = queries.split_by_due(queries.open_tasks(request.user))
    return render(request, "scheduling/tasks.html", {"lists": lists})


@permission_required(Permission.VIEW_OWN_CASELOAD)
def task_done(request, task_id):
    # Scope before method (ADR 0005): someone else's task is not found, however asked.
    task = queries.task_for(request.user, task_id)
    if task is None:
        raise Http404("No such task of yours.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.complete_task(task=task, by=request.user, request=request)
    messages.success(request, f"Done: {task.title}")
    target = request.POST.get("next")
    return redirect("accounts:home" if target == "home" else "tasks:list")
