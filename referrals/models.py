"""Families referred to a VIG service, and what the team decided about them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from .codes import EthnicCategory, Priority, ReferralSource
from .queries import ReferralQuerySet
from .validation import format_nhs_number


class Route(models.TextChoices):
    SELF = "self", "Self-referral"
    PROFESSIONAL = "professional", "Professional referral"


class Status(models.TextChoices):
    NEW = "new", "New"
    INFO_REQUESTED = "info_requested", "More information asked for"
    WAITING = "waiting", "On the waiting list"
    ALLOCATED = "allocated", "Allocated"
    DECLINED = "declined", "Declined"
    SIGNPOSTED = "signposted", "Signposted elsewhere"


OPEN_STATUSES = (Status.NEW, Status.INFO_REQUESTED, Status.WAITING, Status.ALLOCATED)
INBOX_STATUSES = (Status.NEW, Status.INFO_REQUESTED)


class Referral(models.Model):
    reference = models.CharField(max_length=13, unique=True, editable=False)
    # Set by the first submission of a form: a second submission of the same
    # answers (double click, back and resubmit) finds it and creates nothing.
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        "accounts.Service", on_delete=models.PROTECT, related_name="referrals"
    )
    route = models.CharField(max_length=20, choices=Route.choices)
    source = models.CharField("source of referral", max_length=2, choices=ReferralSource.choices)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.ROUTINE)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # When the acknowledgement email went: it goes once (referrals.actions.acknowledgement).
    acknowledged_at = models.DateTimeField(null=True, blank=True, editable=False)

    # In the family's or referrer's own words.
    help_wanted = models.TextField("what they would like help with", blank=True)
    relationship_need = models.TextField(
        "identified need in the parent-infant relationship", blank=True
    )
    other_professionals = models.TextField("other professionals involved", blank=True)
    safeguarding_concerns = models.TextField(blank=True)

    # Professional referrals only.
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_phone = models.CharField(max_length=20, blank=True)
    family_agreed = models.BooleanField("the family agreed to this referral", default=False)

    # Allocation (history in Allocation rows).
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
    )
    discharge_date = models.DateField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            # The inbox and waiting list: urgent first, then oldest first, read in order.
            models.Index(
                fields=["service", "status", "-priority", "received_at"],
                name="referral_triage_order",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(route="professional") | models.Q(family_agreed=True),
                name="professional_referral_needs_family_agreement",
            ),
            models.CheckConstraint(
                condition=models.Q(allocated_to__isnull=True) | models.Q(team__isnull=False),
                name="allocated_referral_has_team",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    FOSTER_CARER = "foster_carer", "Foster carer"
    GRANDPARENT = "grandparent", "Grandparent"
    OTHER = "other", "Other"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter by post"


class Gender(models.TextChoices):
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"
    SELF_DESCRIBE = "other", "I use another term"
    NOT_STATED = "not_stated", "Prefer not to say"


class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", "Heterosexual or straight"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    NOT_STATED = "not_stated", "Prefer not to say"


class Caregiver(models.Model):
    """A parent or carer in the referral: the person the service contacts."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="caregivers")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    relationship_other = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=50, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    preferred_contact = models.CharField(max_length=10, choices=ContactMethod.choices, blank=True)
    safe_to_leave_message = models.BooleanField(null=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, db_index=True)
    language = models.CharField(max_length=100, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    access_needs = models.TextField(blank=True)
    # Optional equality monitoring; blank means the question was skipped.
    ethnicity = models.CharField(max_length=1, choices=EthnicCategory.choices, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    sexual_orientation = models.CharField(
        max_length=20, choices=SexualOrientation.choices, blank=True
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def relationship_label(self):
        if self.relationship == Relationship.OTHER and self.relationship_other:
            return self.relationship_other
        return self.get_relationship_display()


class Child(models.Model):
    """A child (or unborn baby, by due date) in the referral."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="children")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    due_date = models.DateField(null=True, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True, db_index=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "children"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_of_birth__isnull=True, due_date__isnull=False)
                | models.Q(date_of_birth__isnull=False, due_date__isnull=True),
                name="child_has_birth_or_due_date",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_unborn(self):
        return self.date_of_birth is None

    @property
    def display_name(self):
        name = f"{self.first_name} {self.last_name}".strip()
        return name or ("Unborn baby" if self.is_unborn else "Child")

    @property
    def nhs_number_display(self):
        return format_nhs_number(self.nhs_number)


class StatusChange(models.Model):
    """Every triage decision, kept: waiting times are measured from this history."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=Status.choices)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_status_display()} at {self.changed_at:%Y-%m-%d %H:%M}"


class Allocation(models.Model):
    """Who holds the case; a reallocation ends one row and starts another."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="allocations")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations"
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    allocated_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["allocated_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_allocation_per_referral",
            )
        ]

    def __str__(self):
        return f"{self.practitioner} from {self.allocated_at:%Y-%m-%d}"


class DuplicateLink(models.Model):
    """Two referrals a team lead has confirmed are the same family: ``duplicate`` is
    out of the inbox, and shown on ``referral``, the one the team keeps."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="+")
    duplicate = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["referral", "duplicate"], name="duplicate_link_unique"),
            # One link per pair, whichever of the two is kept.
            models.UniqueConstraint(
                Least("referral", "duplicate"),
                Greatest("referral", "duplicate"),
                name="duplicate_link_one_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(referral=models.F("duplicate")),
                name="duplicate_link_two_referrals",
            ),
        ]

    def __str__(self):
        return f"{self.duplicate_id} duplicates {self.referral_id}"


class DifferentFamilies(models.Model):
    """Two referrals flagged as possible duplicates that a team lead has said are
    different families: the pair is never flagged again. Kept as an ordered pair."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "decision that two referrals are different families"
        verbose_name_plural = "decisions that two referrals are different families"
        constraints = [
            models.UniqueConstraint(fields=["referral", "other"], name="different_families_unique"),
            models.CheckConstraint(
                condition=models.Q(referral__lt=models.F("other")),
                name="different_families_ordered_pair",
            ),
        ]

    def __str__(self):
        return f"{self.referral_id} and {self.other_id} are different families"


class MatchKey(models.Model):
    """What a possible duplicate would share with this referral, normalised and stored
    when the referral is written (``referrals.duplicates.store_match_keys``): a child's
    NHS number, or a child's date of birth with a family surname or postcode. Two
    referrals of one service sharing a key are possible duplicates, found by an index
    lookup however many families the service holds."""

    # Indexed by the unique constraint (referral first) and by the index below
    # (service first): no index of their own.
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="match_keys", db_index=False
    )
    # The referral's service, again, so one index answers "which referrals of this
    # service share this key".
    service = models.ForeignKey(
        "accounts.Service", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(max_length=130)

    class Meta:
        indexes = [models.Index(fields=["service", "key", "referral"])]
        constraints = [
            models.UniqueConstraint(fields=["referral", "key"], name="match_key_once_per_referral")
        ]

    def __str__(self):
        return self.key
