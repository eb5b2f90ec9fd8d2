"""Reads of referrals, scoped to the person asking (STYLE.md). The team's aggregates
(waiting bands, caseload sizes) are in ``reports.queries``."""

from datetime import timedelta

from django.db import models
from django.db.models import Prefetch, Q

from accounts.models import Role

ONE_WEEK = timedelta(weeks=1)

# What a list of families shows of each person (``presenters.with_family_names``).
CAREGIVER_NAMES = ("first_name", "last_name", "relationship", "relationship_other")
CHILD_NAMES = ("first_name", "last_name", "date_of_birth")


def family_members(referrals, caregiver_fields=CAREGIVER_NAMES, child_fields=CHILD_NAMES):
    """Give each of ``referrals`` its ``caregiver_list`` and ``child_list`` (in the
    order ``.caregivers.all()`` and ``.children.all()`` give them), with only these
    fields loaded: two queries for any number of referrals, none for none.

    The long lists use this instead of ``prefetch_related``, whose machinery cost
    ~1 ms a relation for a page of fifty families, several times the queries."""
    from .models import Caregiver, Child

    # The same family may come more than once (two visits): its copies share the lists.
    lists = {referral.pk: ([], []) for referral in referrals}
    for referral in referrals:
        referral.caregiver_list, referral.child_list = lists[referral.pk]
    if not lists:
        return referrals
    for model, fields, which in ((Caregiver, caregiver_fields, 0), (Child, child_fields, 1)):
        people = model.objects.filter(referral_id__in=lists).only("referral_id", *fields)
        for person in people.order_by("pk"):
            lists[person.referral_id][which].append(person)
    return referrals


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
        """To triage: new, or waiting for more information; not a linked duplicate (the
        team works from the referral it kept)."""
        from .models import INBOX_STATUSES, DuplicateLink

        return (
            self.filter(status__in=INBOX_STATUSES)
            .exclude(pk__in=DuplicateLink.objects.values("duplicate_id"))
            .order_by("-priority", "received_at")
        )

    def waiting_list(self):
        from .models import Status

        return self.filter(status=Status.WAITING).order_by("-priority", "received_at")

    def with_people(self):
        """Caregivers and children in two more queries, however many referrals."""
        return self.select_related("service", "team", "allocated_to").prefetch_related(
            "caregivers", "children"
        )

    def with_names(self):
        """What a list of referrals shows: the service (its waiting target). The names
        of the children and caregivers come after, in two queries (``family_members``)."""
        return self.select_related("service")

    def with_history(self):
        """Status changes and allocations, with who made them, in two more queries."""
        from .models import Allocation, StatusChange

        return self.prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("practitioner", "allocated_by"),
            ),
        )


def weeks_waiting(referral, now):
    """Whole weeks since ``referral`` was received (never negative)."""
    return max(int((now - referral.received_at) / ONE_WEEK), 0)


def days_waiting(referral, now):
    """Whole days since ``referral`` was received (never negative)."""
    return max((now - referral.received_at).days, 0)
