"""Reads scoped to the person asking.

Every staff list starts from ``Model.objects.visible_to(user)``; later apps
follow the same pattern, so the rule for "who may see what" lives in one place
per model and never in a view or template.
"""

from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone

from .immutable import ImmutableQuerySet


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


class AuditEventQuerySet(ImmutableQuerySet):
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

    def about_person(self, person):
        """What ``person`` did, and what was done to their account.

        Failed sign-ins and lockouts have no actor (nobody proved who they
        were) but name the account as the target.
        """
        return self.filter(
            models.Q(actor_id=person.pk)
            | models.Q(target_type=person._meta.label_lower, target_id=str(person.pk))
        )

    def by_email(self, email):
        """Events by, or attempted as, an email address (any case)."""
        return self.filter(actor_label__iexact=email.strip())

    def for_family_reference(self, reference):
        return self.filter(family_reference__iexact=reference.strip())

    def between(self, date_from=None, date_to=None):
        """Events on or after ``date_from`` and on or before ``date_to``
        (whole days in the service's time zone)."""
        events = self
        if date_from:
            events = events.filter(created_at__gte=_start_of(date_from))
        if date_to:
            events = events.filter(created_at__lt=_start_of(date_to + timedelta(days=1)))
        return events


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_trail(user, *, person=None, email="", family_reference="", date_from=None, date_to=None):
    """The audit events ``user`` may read, newest first, narrowed by the filters."""
    from .models import AuditEvent

    events = AuditEvent.objects.visible_to(user)
    if person is not None:
        events = events.about_person(person)
    if email:
        events = events.by_email(email)
    if family_reference:
        events = events.for_family_reference(family_reference)
    events = events.between(date_from, date_to)
    return events.order_by("-created_at", "-pk")


def colleague_names(user, *, ids=(), emails=()):
    """Full names of the people ``user`` may see, among the ids and emails given.

    Returns ``({id: name}, {lower-case email: name})`` from one query however
    many are asked for, so a page of audit events costs the same whether it
    names one person or fifty.
    """
    from .models import User

    ids = {pk for pk in ids if pk is not None}
    emails = {email.lower() for email in emails if email}
    if not ids and not emails:
        return {}, {}
    people = User.objects.visible_to(user).filter(models.Q(pk__in=ids) | models.Q(email__in=emails))
    by_id, by_email = {}, {}
    for pk, email, full_name in people.values_list("pk", "email", "full_name"):
        by_id[pk] = full_name
        by_email[email.lower()] = full_name
    return by_id, by_email


def colleagues_of(user):
    """The people ``user`` may choose from, by name."""
    from .models import User

    return User.objects.visible_to(user).order_by("full_name", "email")


def account_for_email(email):
    """The staff account an email address belongs to (any case), or None."""
    from .models import User

    if not email:
        return None
    return User.objects.filter(email__iexact=email.strip()).select_related("team").first()


def has_authenticator(user):
    """Whether ``user`` has linked an authenticator app (a confirmed TOTP device)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
