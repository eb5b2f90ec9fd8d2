"""Whose records a report counts (``Scope``), and the constants the figures share."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q

from accounts.models import Role, Team, User
from accounts.permissions import Permission, has_permission
from referrals.models import DuplicateLink, Referral, Status
from sessions.models import (
    Programme,
    Visit,
)

ONE_DAY = timedelta(days=1)
NOT_SEEN_DAYS = 28
# CORC: a change of 2.45 points or more on a GBO goal is reliable (ADR 0011); scores
# are whole numbers, so 3 or more.
RELIABLE_GBO_CHANGE = 2.45
ACCEPTED = (Status.WAITING, Status.ALLOCATED)


@dataclass(frozen=True)
class Scope:
    user: User
    team: object = None
    practitioner: object = None

    def _service_admin(self):
        user = self.user
        return (
            not user.is_superuser
            and user.role == Role.SERVICE_ADMIN
            and has_permission(user, Permission.VIEW_REPORTS)
        )

    def _service_teams(self):
        """A service admin's reach: their service's teams (no family's records are
        theirs, so ``visible_to`` gives them none; the reports count these teams')."""
        return Team.objects.visible_to(self.user)

    def referrals(self):
        if self._service_admin():
            # Every referral of the service: its teams', and those not yet given one.
            rows = Referral.objects.filter(service_id__in=self._service_teams().values("service"))
        else:
            rows = Referral.objects.visible_to(self.user)
        rows = rows.exclude(pk__in=DuplicateLink.objects.values("duplicate_id"))
        if self.team:
            rows = rows.filter(team=self.team)
        if self.practitioner:
            rows = rows.filter(allocated_to=self.practitioner)
        return rows

    def _team_id(self):
        """The team the programme and visit figures are narrowed to: the one asked for,
        or a team lead's own (their own families are in it: cases are allocated within
        the team)."""
        if self.team:
            return self.team.pk
        if not self.user.is_superuser and self.user.role == Role.TEAM_LEAD:
            return self.user.team_id
        return None

    def _whole_team(self, team_id):
        """Whether every family of the team is within the person's scope, so its rows
        can be read by the team alone instead of through ``visible_to``'s ``guider = me
        OR team = mine`` (which makes the database join every programme): a superuser's
        any team, a team lead's own (the ``VIEW_TEAM_CASES`` rule of programme_scope),
        a service admin's any of their service's."""
        user = self.user
        if user.is_superuser:
            return True
        if self._service_admin():
            return self.team is not None and self.team.service_id == user.service_id
        return team_id == user.team_id and has_permission(user, Permission.VIEW_TEAM_CASES)

    def _rows(self, model, team_field):
        team_id = self._team_id()
        if team_id and self._whole_team(team_id):
            return model.objects.filter(**{team_field: team_id})
        if team_id is None and self._service_admin():
            return model.objects.filter(**{f"{team_field}__in": self._service_teams()})
        rows = model.objects.visible_to(self.user)
        return rows.filter(**{team_field: team_id}) if team_id else rows

    def programmes(self):
        rows = self._rows(Programme, "team_id")
        if self.practitioner:
            rows = rows.filter(guider=self.practitioner)
        return rows

    def visits(self):
        # Visit.team is the family's team (kept by save() and allocation), indexed with
        # starts_at: a team's visits in a period are one index range (ADR 0011).
        rows = self._rows(Visit, "team_id")
        if self.practitioner:
            rows = rows.filter(practitioner=self.practitioner)
        return rows

    def staff(self):
        """The people whose caseloads the person may see (an unscoped list of names only)."""
        user = self.user
        if self.practitioner:
            people = User.objects.filter(pk=self.practitioner.pk)
        elif user.is_superuser:
            people = User.objects.filter(team__isnull=False)
        elif user.role == Role.TEAM_LEAD and user.team_id:
            people = User.objects.filter(team_id=user.team_id)
        elif self._service_admin():
            people = User.objects.filter(team__in=self._service_teams())
        else:
            people = User.objects.filter(pk=user.pk)
        if self.team:
            people = people.filter(team=self.team)
        return people.filter(is_active=True).exclude(role=Role.SERVICE_ADMIN).order_by("full_name")


def _between(field, start, end):
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def caseload_sizes(team):
    """The people in ``team`` a case can be allocated to, each with ``open_cases``
    (the families they hold now), counted in SQL."""
    from referrals.actions.allocation import ALLOCATABLE_ROLES

    return (
        User.objects.filter(team=team, is_active=True, role__in=ALLOCATABLE_ROLES)
        .annotate(open_cases=Count("caseload", filter=Q(caseload__status=Status.ALLOCATED)))
        .order_by("full_name")
    )
