"""The services that run VIG and their teams."""

from django.core.exceptions import ValidationError
from django.db import models

from ..queries import TeamQuerySet


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
