"""The team lead's page of what families said about the service."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.permissions import Permission, permission_required

from ..models import Feedback, Satisfaction

FEEDBACK_PER_PAGE = 25


@permission_required(Permission.VIEW_REPORTS)
@require_http_methods(["GET", "HEAD"])
def staff_feedback(request):
    """Feedback about the team lead's own service, newest first. No personal data is
    asked for, so reading it is not audited."""
    answers = Feedback.objects.visible_to(request.user).select_related("service")
    counts = answers.satisfaction_counts()
    page = Paginator(answers, FEEDBACK_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "pages/staff_feedback.html",
        {
            "page": page,
            "rows": list(page.object_list),
            "summary": [(label, counts[score]) for score, label in Satisfaction.choices],
            "total": sum(counts.values()),
            "all_services": request.user.is_superuser,
        },
    )
