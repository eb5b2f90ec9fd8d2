"""A family's programme: its state and length, and how it ends."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .querysets import ProgrammeQuerySet


class ProgrammeState(models.TextChoices):
    PRE_VIG = "pre_vig", "Pre-VIG"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"
    ENDED_EARLY = "ended_early", "Ended early"


CLOSED_STATES = (ProgrammeState.COMPLETED, ProgrammeState.ENDED_EARLY)

# A programme plans between 1 and this many visits.
MAX_PLANNED_VISITS = 40


class EndReason(models.TextChoices):
    COMPLETED = "completed", "Programme completed"
    FAMILY_WITHDREW = "family_withdrew", "Family withdrew"
    MOVED_AWAY = "moved_away", "Moved away"
    NOT_BROUGHT = "not_brought", "Not brought / did not attend"
    OTHER = "other", "Other"


class Programme(models.Model):
    """One family's VIG programme, opened when their referral is allocated."""

    referral = models.OneToOneField(
        "referrals.Referral", on_delete=models.PROTECT, related_name="programme"
    )
    guider = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="programmes"
    )
    # The family's team (their referral's), copied here so a team's open programmes are
    # read by one small index (ADR 0011). Set when the programme opens and moved by
    # allocation when the family changes team (sessions.actions.open_programme).
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_programmes",
    )
    state = models.CharField(
        max_length=20, choices=ProgrammeState.choices, default=ProgrammeState.PRE_VIG
    )
    planned_visits = models.PositiveSmallIntegerField(default=8)
    opened_at = models.DateTimeField(default=timezone.now)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    end_reason_detail = models.TextField(blank=True)
    ending_summary = models.TextField(blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            # Closed ⇔ an end date and a reason.
            models.CheckConstraint(
                condition=(
                    models.Q(state__in=["completed", "ended_early"], ended_on__isnull=False)
                    & ~models.Q(end_reason="")
                )
                | (~models.Q(state__in=["completed", "ended_early"]) & models.Q(ended_on=None)),
                name="programme_closed_iff_ended_with_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_visits__gte=1, planned_visits__lte=MAX_PLANNED_VISITS),
                name="programme_planned_visits_range",
            ),
        ]
        indexes = [
            models.Index(
                fields=["team"],
                condition=~models.Q(state__in=["completed", "ended_early"]),
                name="programme_team_open",
            )
        ]

    def __str__(self):
        return f"Programme for {self.referral.reference}"

    def get_absolute_url(self):
        return reverse("programmes:case", kwargs={"reference": self.reference})

    @property
    def reference(self):
        return self.referral.reference

    @property
    def is_closed(self):
        return self.state in CLOSED_STATES

    def written_summaries(self):
        """The session summaries written for this programme's visits, in visit order:
        what the closing letter recalls, on paper and by email alike. A visit whose
        summary was skipped (``SummarySkip``) has none."""
        from .summaries import SessionSummary

        return (
            SessionSummary.objects.filter(visit__programme=self)
            .select_related("visit")
            .order_by("visit__starts_at", "pk")
        )


class PlannedVisitsChange(models.Model):
    """Reducing or extending a programme, agreed with the family."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="planned_visits_changes"
    )
    old_number = models.PositiveSmallIntegerField()
    new_number = models.PositiveSmallIntegerField()
    reason = models.TextField()
    agreed_with_family = models.BooleanField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agreed_with_family=True),
                name="planned_visits_change_agreed_with_family",
            )
        ]

    def __str__(self):
        return f"{self.old_number} → {self.new_number} visits"


class StateChange(models.Model):
    """Every programme state change, with who and when."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="state_changes")
    state = models.CharField(max_length=20, choices=ProgrammeState.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_state_display()} at {self.changed_at:%Y-%m-%d}"
