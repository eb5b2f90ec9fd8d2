"""Staff: their roles, AVIGuk accreditation stage and sign-in by email."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from ..queries import UserQuerySet
from .organisation import Team


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
    # The "send once" guard of the welcome email (accounts.actions.send_welcome_email).
    welcome_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the welcome email went. Empty until it has.",
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
