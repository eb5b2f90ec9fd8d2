"""The family's goals in their own words, and their Goal Based Outcomes ratings."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .programme import Programme


class GoalStatus(models.TextChoices):
    ACTIVE = "active", "Working on it"
    ACHIEVED = "achieved", "Achieved"
    REVISED = "revised", "Revised"


MAX_ACTIVE_GOALS = 3


class Goal(models.Model):
    """A goal in the parent's own words, with its helping question.

    Revising a goal keeps the old wording: the old row is marked revised and
    points at the new one.
    """

    # In URLs instead of the sequential id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField("goal, in the parent's words", max_length=500)
    helping_question = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    revised_to = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revised_from"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="revised") | models.Q(revised_to__isnull=False),
                name="revised_goal_points_to_new_wording",
            )
        ]

    def __str__(self):
        return self.text


class RatingWhen(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    REVIEW = "review", "After a shared review"
    ENDING = "ending", "End of programme"


class GoalRating(models.Model):
    """Goal Based Outcomes (GBO): how close to the goal, 0 (not at all) to 10 (reached)."""

    MEASURE = "GBO"
    MEASURE_VERSION = "2.0"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField()
    when = models.CharField(max_length=10, choices=RatingWhen.choices)
    visit = models.ForeignKey(
        "Visit", on_delete=models.PROTECT, null=True, blank=True, related_name="goal_ratings"
    )
    measure_version = models.CharField(max_length=10, default=MEASURE_VERSION)
    rated_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rated_on", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=10), name="gbo_score_0_to_10"
            )
        ]

    def __str__(self):
        return f"{self.score}/10 ({self.get_when_display()})"
