"""What the staff home page shows: the start of a working day."""

from accounts.models import Role
from accounts.permissions import Permission, has_permission

from . import queries


def home_panels(user):
    from referrals.models import Referral
    from sessions.models import Visit, VisitState
    from sessions.queries import diary_visits

    panels = {}
    if has_permission(user, Permission.VIEW_OWN_CASELOAD):
        start, end = queries.today_bounds()
        panels["todays_visits"] = list(diary_visits(user, start, end))
        lists = queries.split_by_due(queries.open_tasks(user).filter(is_flag=False))
        panels["overdue_tasks"] = lists["overdue"]
        panels["tasks_today"] = lists["today"]
        panels["upcoming_count"] = len(lists["upcoming"])
        panels["proposed"] = list(
            Visit.objects.visible_to(user)
            .filter(practitioner=user, state=VisitState.PROPOSED)
            .select_related("programme__referral")
            .order_by("starts_at")[:20]
        )
    if user.role == Role.TEAM_LEAD:
        inbox = Referral.objects.visible_to(user).inbox()
        panels["lead"] = {
            "new_referrals": inbox.count(),
            "urgent_referrals": inbox.filter(priority__gte=2).count(),
            "flags": list(queries.flags(user)),
            "failed_work": queries.failed_work(user).count(),
            "failed_messages": queries.failed_messages(user).count(),
        }
    return panels
