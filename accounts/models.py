"""Staff, the services they work for, their teams, and the audit trail."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from .immutable import ImmutableModelMixin
from .queries import AuditEventQuerySet, TeamQuerySet, UserQuerySet

__all__ = [
    "AccreditationStage",
    "AuditAction",
    "AuditEvent",
    "ImmutableModelMixin",
    "Role",
    "Service",
    "Team",
    "User",
]


class Service(models.Model):
    """An organisation running a VIG service (e.g. a trust's health visiting team).

    Eligibility and referral settings are added by the referrals app.
    """

    name = models.CharField(
        max_length=200,
        help_text='The name families see, for example "Northmoor Family Hubs VIG Service".',
    )
    slug = models.SlugField(
        unique=True,
        help_text=(
            "The short name in the service's web addresses, like /services/northmoor/: "
            "letters, numbers and hyphens. Changing it breaks links printed on leaflets."
        ),
    )
    contact_phone = models.CharField(
        max_length=40,
        blank=True,
        help_text=(
            "The number families call. Shown first on the service's pages, and in emails "
            "and letters."
        ),
    )
    contact_email = models.EmailField(
        blank=True,
        help_text=(
            "The address families write to. Shown on the service's pages, and in emails "
            "and letters."
        ),
    )
    description = models.TextField(
        "public description",
        blank=True,
        help_text="A few plain sentences for the service's public page: who runs it and where.",
    )

    # Eligibility: configuration, never code (DESIGN.md). See referrals.eligibility.
    eligible_areas = models.TextField(
        blank=True,
        help_text=(
            "Postcode districts (like SK1) or sectors (like SK1 3) the service covers, "
            "separated by commas or new lines. Leave empty to take families from anywhere."
        ),
    )
    max_child_age_months = models.PositiveSmallIntegerField(
        "oldest child, in months",
        default=60,
        help_text="Children must be younger than this: 60 means under 5 years old.",
    )
    accepts_unborn = models.BooleanField(
        "takes unborn babies (by due date)",
        default=False,
        help_text="Tick if parents can be referred before their baby is born.",
    )
    requires_relationship_need = models.BooleanField(
        "needs an identified need in the parent-infant relationship",
        default=False,
        help_text=(
            "Tick if a professional must have noticed a need in the relationship between "
            "parent and baby. The referral forms then ask about it."
        ),
    )
    self_referral_open = models.BooleanField(
        "parents can refer themselves",
        default=True,
        help_text=(
            "Untick to close the online form for parents and carers. The service's page "
            "then asks them to talk to their health visitor, midwife or GP."
        ),
    )
    professional_referral_open = models.BooleanField(
        "professionals can refer",
        default=True,
        help_text=(
            "Untick to close the online form for health visitors, midwives, GPs and other "
            "professionals."
        ),
    )
    waiting_target_weeks = models.PositiveSmallIntegerField(
        "waiting-time target, in weeks",
        default=18,
        help_text=(
            "The longest a family should wait from referral. The waiting list marks "
            "families who have waited this long."
        ),
    )
    default_programme_visits = models.PositiveSmallIntegerField(
        "visits in a programme",
        default=8,
        help_text=(
            "How many visits a new programme plans, from 1 to 30. Practitioners can change "
            "it for each family. The service's page tells families about this many."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        from referrals.eligibility import parse_areas

        try:
            self.eligible_areas = ", ".join(parse_areas(self.eligible_areas))
        except ValidationError as error:
            raise ValidationError({"eligible_areas": error.messages}) from error
        if not 1 <= self.default_programme_visits <= 30:
            raise ValidationError({"default_programme_visits": "Enter a number from 1 to 30."})


class Team(models.Model):
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="teams",
        help_text="The service this team works for. Its team leads see its new referrals.",
    )
    name = models.CharField(
        max_length=200,
        help_text='For example "North Locality". Each team in a service needs its own name.',
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["service__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "name"], name="team_name_unique_in_service")
        ]

    def __str__(self):
        return f"{self.name} ({self.service.name})"


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    SUPERVISOR = "supervisor", "VIG supervisor"
    TEAM_LEAD = "team_lead", "Team lead"
    SERVICE_ADMIN = "service_admin", "Service administrator"


class AccreditationStage(models.TextChoices):
    """AVIGuk accreditation route (DOMAIN.md)."""

    NONE = "", "Not a VIG guider"
    INITIAL = "initial", "Initial training"
    STAGE_1 = "stage_1", "Trainee, stage 1"
    STAGE_2 = "stage_2", "Trainee, stage 2"
    STAGE_3 = "stage_3", "Trainee, stage 3"
    ACCREDITED = "accredited", "Accredited guider"
    TRAINEE_SUPERVISOR = "trainee_supervisor", "Trainee supervisor"
    SUPERVISOR = "supervisor", "Supervisor"

    @classmethod
    def trainee_stages(cls):
        return {cls.INITIAL, cls.STAGE_1, cls.STAGE_2, cls.STAGE_3}


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username):
        # Sign-in by email ignores case: "Alice@Trust.nhs.uk" is alice@trust.nhs.uk.
        return self.get(email__iexact=username)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("role", Role.SERVICE_ADMIN)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A member of staff. Parents and referrers have no accounts."""

    email = models.EmailField(
        unique=True,
        help_text="Their work email address. They sign in with it, and password emails go to it.",
    )
    full_name = models.CharField(
        max_length=200, help_text="Their name as colleagues and families see it."
    )
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        default=Role.PRACTITIONER,
        help_text=(
            "What they can do. Practitioners work with the families given to them; VIG "
            "supervisors also see their trainees' families; team leads also sort referrals, "
            "give families to practitioners and read reports; service administrators use "
            "this admin site."
        ),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="The team they work in. Everyone except service administrators needs one.",
    )
    accreditation_stage = models.CharField(
        max_length=20,
        choices=AccreditationStage.choices,
        blank=True,
        help_text="Where they are in VIG training (AVIGuk). Trainees need a supervisor.",
    )
    supervisor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervisees",
        help_text="The VIG supervisor of a trainee guider.",
    )
    is_active = models.BooleanField(
        default=True,
        help_text=(
            "Untick when someone leaves, instead of deleting them: they can no longer sign "
            "in, and their name stays on the records they made."
        ),
    )
    is_staff = models.BooleanField(
        default=False, help_text="Can use the Django admin (service administrators)."
    )
    date_joined = models.DateTimeField(default=timezone.now, help_text="When the account was made.")
    last_login = models.DateTimeField(
        "last login", blank=True, null=True, help_text="When they last signed in."
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="service_admin") | models.Q(team__isnull=False),
                name="user_team_required_unless_service_admin",
            ),
            # Emails are compared without case at sign-in, so two accounts may
            # never differ only by case.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message="A staff account with this email address already exists.",
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()
        if self.role != Role.SERVICE_ADMIN and not self.team_id:
            raise ValidationError({"team": "Choose the team this person works in."})

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def service_id(self):
        return self.team.service_id if self.team_id else None

    @property
    def is_trainee(self):
        return self.accreditation_stage in AccreditationStage.trainee_stages()


class AuditAction:
    """Codes of the audit events accounts records. Their labels and what their
    details hold are in the vocabulary, ``accounts/audit/vocabulary/staff.py``."""

    SIGN_IN = "auth.sign_in"
    SIGN_IN_FAILED = "auth.sign_in_failed"
    SECOND_FACTOR_FAILED = "auth.second_factor_failed"
    LOCKED_OUT = "auth.locked_out"
    SIGN_OUT = "auth.sign_out"
    TWO_FACTOR_ENROLLED = "auth.2fa_enrolled"
    BACKUP_CODE_USED = "auth.backup_code_used"
    BACKUP_CODES_CREATED = "auth.backup_codes_created"
    PASSWORD_RESET_REQUESTED = "auth.password_reset_requested"  # noqa: S105 — an event code
    PASSWORD_CHANGED = "auth.password_changed"  # noqa: S105 — an event code
    STAFF_CREATED = "staff.created"
    STAFF_WELCOME_SENT = "staff.welcome_sent"
    AUDIT_VIEWED = "audit.viewed"


class AuditEvent(ImmutableModelMixin, models.Model):
    """Who did what to which record, when, from where.

    Deliberately no foreign keys: audit never blocks deleting live data, and
    deleting live data never erases audit. Write through `accounts.audit.record`.
    """

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, editable=False, help_text="This event's own number."
    )
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="When it happened."
    )
    action = models.CharField(
        max_length=60, db_index=True, help_text="What was done, as a code like auth.sign_in."
    )
    actor_id = models.BigIntegerField(
        null=True,
        blank=True,
        db_index=True,
        help_text=(
            "The number of the staff account that did it. Empty when nobody was signed in, "
            "like a failed sign-in or a family's online referral."
        ),
    )
    actor_label = models.CharField(
        max_length=254,
        blank=True,
        help_text='Who did it, as they were known then: an email address, or "public".',
    )
    target_type = models.CharField(
        max_length=60, blank=True, help_text="The kind of record it was done to."
    )
    target_id = models.CharField(
        max_length=64, blank=True, help_text="The number of the record it was done to."
    )
    family_reference = models.CharField(
        max_length=20,
        blank=True,
        db_index=True,
        help_text="The family's reference number, when it is about a family.",
    )
    # Scope for who may read the event (team leads see their own team's).
    service_id = models.BigIntegerField(
        null=True, blank=True, help_text="The number of the service it belongs to."
    )
    team_id = models.BigIntegerField(
        null=True,
        blank=True,
        db_index=True,
        help_text="The number of the team whose team leads may read it.",
    )
    ip_address = models.GenericIPAddressField(
        null=True, blank=True, help_text="The internet (IP) address the request came from."
    )
    details = models.JSONField(
        default=dict,
        blank=True,
        help_text="More about what was done. Sensitive values are hidden.",
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["team_id", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    @property
    def action_label(self):
        from .audit import label_for

        return label_for(self.action)
