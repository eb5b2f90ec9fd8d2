"""The staff home page."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from scheduling.presenters import home_panels

from ..permissions import Permission, has_permission, permission_required


# The permission check comes first, so the documented answer (403) is given
# before any other: only then is a method other than GET or HEAD refused (405).
@permission_required(Permission.VIEW_STAFF_AREA)
@require_safe
def home(request):
    user = request.user
    context = {
        "role": user.get_role_display(),
        "team": user.team.name if user.team_id else "",
        "can_view_audit_trail": has_permission(user, Permission.VIEW_AUDIT_TRAIL),
        # Today's visits, tasks, proposals to confirm; a team lead's flags too.
        **home_panels(user),
    }
    return render(request, "accounts/home.html", context)
