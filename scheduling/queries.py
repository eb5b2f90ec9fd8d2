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


def failed_work(user):
    if not _leads(user):
        return DueWork.objects.none()
    return DueWork.objects.filter(state=WorkState.FAILED, service=user.team.service_id)


def failed_messages(user):
    if not _leads(user):
        return MessageLog.objects.none()
    return MessageLog.objects.filter(status=MessageStatus.FAILED, service=user.team.service_id)


def today_bounds():
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, time.min))
    return start, start + timedelta(days=1)
