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
        }
    if has_permission(user, Permission.RETRY_FAILED_WORK):
        panels["failures"] = {
            "work": queries.failed_work(user).count(),
            "messages": queries.failed_messages(user).count(),
        }
    return panels


FAILED_PER_PAGE = 25


def failed_page(user, query):
    """The failed work and failed messages pages, each paginated on its own
    (``?work=N``, ``?undelivered=N``), with links that keep the other's page.
    Not ``messages``: that name is Django's messages in a template."""
    from django.core.paginator import Paginator

    from . import failures

    sections = {}
    for name, rows, row in (
        ("work", queries.failed_work_page_rows(user), failures.work_row),
        ("undelivered", queries.failed_message_page_rows(user), failures.message_row),
    ):
        page = Paginator(rows, FAILED_PER_PAGE).get_page(query.get(name))
        sections[name] = {"page": page, "rows": [row(r) for r in page.object_list]}

    def url(name, number):
        other = "undelivered" if name == "work" else "work"
        keep = sections[other]["page"].number
        return f"?{name}={number}&{other}={keep}" if keep > 1 else f"?{name}={number}"

    for name, section in sections.items():
        page = section["page"]
        if page.has_previous():
            section["previous_url"] = url(name, page.previous_page_number())
        if page.has_next():
            section["next_url"] = url(name, page.next_page_number())
    return sections
