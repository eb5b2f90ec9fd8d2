"""Reads scoped to the person asking.

Every staff list starts from ``Model.objects.visible_to(user)``; later apps
follow the same pattern, so the rule for "who may see what" lives in one place
per model and never in a view or template.
"""

from django.db import models


def _role(user):
    return getattr(user, "role", None)


class TeamQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if not user.team_id:
            return self.none()
        if _role(user) == "service_admin":
            return self.filter(service_id=user.team.service_id)
        return self.filter(pk=user.team_id)


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Colleagues: the people in the user's own team."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        if not user.team_id:
            return self.filter(pk=user.pk)
        return self.filter(team_id=user.team_id)


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Team leads read their own team's trail; superusers read everything."""
        from .permissions import Permission, has_permission

        if not has_permission(user, Permission.VIEW_AUDIT_TRAIL):
            return self.none()
        if user.is_superuser:
            return self.all()
        if not user.team_id:
            return self.none()
        return self.filter(team_id=user.team_id)

    def for_family(self, reference):
        return self.filter(family_reference=reference)
