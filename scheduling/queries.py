"""Reads for tasks, flags and the staff home, scoped to the person asking."""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import Role

from .models import DueWork, Letter, MessageLog, MessageStatus, StaffTask, WorkState


def _leads(user):
    return user.role == Role.TEAM_LEAD and user.team_id is not None


def _mine(user, prefix=""):
    """Tasks for ``user``: their own, and for a team lead the team's unassigned ones."""
    mine = Q(**{f"{prefix}assignee": user})
    if _leads(user):
        mine |= Q(**{f"{prefix}assignee__isnull": True, f"{prefix}team": user.team_id})
        mine |= Q(
            **{
                f"{prefix}assignee__isnull": True,
                f"{prefix}team__isnull": True,
                f"{prefix}service": user.team.service_id,
            }
        )
    return mine


def open_tasks(user):
    """Tasks for ``user``: their own, and for a team lead the team's unassigned ones."""
    return (
        StaffTask.objects.filter(_mine(user), done_at__isnull=True)
        .select_related("programme__referral", "referral", "visit", "letter")
        .order_by("due_on", "pk")
    )


def task_for(user, public_id):
    """One of ``user``'s open tasks, or None (not theirs: not found)."""
    return open_tasks(user).filter(public_id=public_id).first()


def letter_for(user, public_id):
    """A letter to post from one of ``user``'s tasks, done or not; else None."""
    return (
        Letter.objects.filter(_mine(user, "task__"), public_id=public_id)
        .select_related("task__programme__referral__service", "task__visit")
        .first()
    )


def split_by_due(tasks, today=None):
    today = today or timezone.localdate()
    lists = {"overdue": [], "today": [], "upcoming": []}
    for task in tasks:
        if task.due_on < today:
            lists["overdue"].append(task)
        elif task.due_on == today:
            lists["today"].append(task)
        else:
            lists["upcoming"].append(task)
    return lists


def flags(user):
    """Open flags (was-not-brought, waiting past target) on a team lead's home."""
    if not _leads(user):
        return StaffTask.objects.none()
    return open_tasks(user).filter(is_flag=True)


def programme_flags(programme):
    return StaffTask.objects.filter(programme=programme, is_flag=True, done_at__isnull=True)


def _failed_reach(user, *, referral=True):
    """A ``Q`` for the failed rows ``user`` is shown, or None for none.

    A team lead: their team's families (by the visit's, the programme's or the
    referral's team); a service admin: every team's of their service. Work about
    no team (a referral not yet given one) is every lead's of the service, as
    unassigned tasks are (``open_tasks``).
    """
    from accounts.models import Team
    from accounts.permissions import Permission, has_permission

    if not has_permission(user, Permission.RETRY_FAILED_WORK):
        return None
    if user.is_superuser:
        return Q()
    teams = Team.objects.visible_to(user)
    reach = Q(visit__team__in=teams) | Q(programme__team__in=teams)
    no_team = Q(visit__isnull=True, programme__isnull=True)
    if referral:
        reach |= Q(referral__team__in=teams)
        no_team &= Q(referral__team__isnull=True)
    return reach | (no_team & Q(service__in=teams.values("service")))


def work_within_reach(user):
    """Due work of the families whose failures ``user`` is shown, in any state: a
    row tried again already is still found (a double submit changes nothing)."""
    reach = _failed_reach(user)
    return DueWork.objects.none() if reach is None else DueWork.objects.filter(reach)


def messages_within_reach(user):
    reach = _failed_reach(user, referral=False)
    return MessageLog.objects.none() if reach is None else MessageLog.objects.filter(reach)


def failed_work(user):
    """Due work that ended ``failed``, for the team lead (or service admin)."""
    return work_within_reach(user).filter(state=WorkState.FAILED)


def failed_messages(user):
    """Messages GOV.UK Notify could not deliver, likewise."""
    return messages_within_reach(user).filter(status=MessageStatus.FAILED)


def failed_work_page_rows(user):
    """``failed_work`` with what its page shows, newest first."""
    return (
        failed_work(user)
        .select_related("visit__programme__referral", "programme__referral", "referral")
        .order_by("-finished_at", "-pk")
    )


def failed_message_page_rows(user):
    return (
        failed_messages(user)
        .select_related("visit__programme__referral", "programme__referral")
        .order_by("-status_at", "-pk")
    )


def today_bounds():
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, time.min))
    return start, start + timedelta(days=1)
