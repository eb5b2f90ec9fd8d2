"""Reads of referrals, scoped to the person asking (STYLE.md)."""

from django.db import models
from django.db.models import Count, Q

from accounts.models import Role, User


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals this member of staff may see.

        Team leads: their service's referrals that are not yet with a team, and
        their own team's. Practitioners: the families allocated to them.
        Supervisors: theirs and their supervisees'. Everyone else: none.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if not user.team_id:
            return self.none()
        role = user.role
        if role == Role.TEAM_LEAD:
            return self.filter(
                Q(service_id=user.team.service_id)
                & (Q(team__isnull=True) | Q(team_id=user.team_id))
            )
        if role == Role.SUPERVISOR:
            return self.filter(Q(allocated_to=user) | Q(allocated_to__supervisor=user))
        if role == Role.PRACTITIONER:
            return self.filter(allocated_to=user)
        return self.none()

    def inbox(self):
        from .models import INBOX_STATUSES

        return self.filter(status__in=INBOX_STATUSES).order_by("-priority", "received_at")

    def waiting_list(self):
        from .models import Status

        return self.filter(status=Status.WAITING).order_by("-priority", "received_at")

    def with_people(self):
        """Caregivers and children in two more queries, however many referrals."""
        return self.select_related("service", "team", "allocated_to").prefetch_related(
            "caregivers", "children"
        )


def caseload_sizes(team):
    """The people in ``team`` a case can be allocated to, each with ``open_cases``
    (the families they hold now), counted in SQL."""
    from .actions.allocation import ALLOCATABLE_ROLES
    from .models import Status

    return (
        User.objects.filter(team=team, is_active=True, role__in=ALLOCATABLE_ROLES)
        .annotate(open_cases=Count("caseload", filter=Q(caseload__status=Status.ALLOCATED)))
        .order_by("full_name")
    )
