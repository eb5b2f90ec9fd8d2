"""The VIG programme: goals, visits, shared reviews, summaries and the ending.

Films and clips (a later piece of work) hang off filming visits; a shared review
points at the filming visit whose clips it reviews.
"""

import uuid
from datetime import UTC, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from .queries import ProgrammeQuerySet, VisitQuerySet


class ProgrammeState(models.TextChoices):
    PRE_VIG = "pre_vig", "Pre-VIG"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"
    ENDED_EARLY = "ended_early", "Ended early"


CLOSED_STATES = (ProgrammeState.COMPLETED, ProgrammeState.ENDED_EARLY)


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
                condition=models.Q(planned_visits__gte=1, planned_visits__lte=40),
                name="programme_planned_visits_range",
            ),
        ]

    def __str__(self):
        return f"Programme for {self.referral.reference}"

    @property
    def reference(self):
        return self.referral.reference

    @property
    def is_closed(self):
        return self.state in CLOSED_STATES


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


class VisitKind(models.TextChoices):
    FIRST_MEETING = "first_meeting", "First meeting"
    PRE_VIG = "pre_vig", "Pre-VIG support"
    FILMING = "filming", "Filming"
    SHARED_REVIEW = "shared_review", "Shared review"
    ENDING = "ending", "Ending"
    OTHER = "other", "Other"


class VisitState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    BOOKED = "booked", "Booked"
    HAPPENED = "happened", "Outcome recorded"
    CANCELLED = "cancelled", "Cancelled"


class Place(models.TextChoices):
    """Where the family chose; each maps to a CSDS activity location type code."""

    HOME = "home", "Family's home"
    FAMILY_HUB = "family_hub", "Family hub"
    CLINIC = "clinic", "Clinic base"
    OTHER = "other", "Other address"


PLACE_CSDS_CODES = {
    Place.HOME: "A01",
    Place.FAMILY_HUB: "K01",
    Place.CLINIC: "B01",
    Place.OTHER: "X01",
}


class Mechanism(models.TextChoices):
    """CSDS consultation mechanism codes."""

    FACE_TO_FACE = "01", "Face to face"
    TELEPHONE = "02", "Telephone"
    VIDEO = "11", "Video call"


class Attendance(models.TextChoices):
    """CSDS ATTENDED OR DID NOT ATTEND codes."""

    NOT_YET = "0", "Not yet happened"
    ATTENDED = "5", "Attended"
    LATE_SEEN = "6", "Arrived late but was seen"
    LATE_NOT_SEEN = "7", "Arrived late and could not be seen"
    CANCELLED_BY_FAMILY = "2", "Cancelled by the family"
    DID_NOT_ATTEND = "3", "Did not attend"
    CANCELLED_BY_SERVICE = "4", "Cancelled by the service"


ATTENDED_CODES = (Attendance.ATTENDED, Attendance.LATE_SEEN)
CANCELLED_CODES = (Attendance.CANCELLED_BY_FAMILY, Attendance.CANCELLED_BY_SERVICE)


class Visit(models.Model):
    """An appointment with the family (a CSDS care contact)."""

    DEFAULT_DURATION = 60

    # In URLs instead of the sequential id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="visits")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits"
    )
    kind = models.CharField(max_length=20, choices=VisitKind.choices)
    state = models.CharField(max_length=10, choices=VisitState.choices, default=VisitState.BOOKED)
    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(default=DEFAULT_DURATION)
    # Stored so overlaps can be checked by the database (exclusion constraint).
    ends_at = models.DateTimeField(editable=False)
    place = models.CharField(max_length=20, choices=Place.choices)
    place_detail = models.CharField("address or room", max_length=300, blank=True)
    mechanism = models.CharField(
        max_length=2, choices=Mechanism.choices, default=Mechanism.FACE_TO_FACE
    )
    attendance = models.CharField(
        max_length=1, choices=Attendance.choices, default=Attendance.NOT_YET
    )
    cancelled_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["practitioner", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=15, duration_minutes__lte=240),
                name="visit_duration_15_to_240_minutes",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="visit_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="cancelled")
                | models.Q(attendance__in=["2", "4"], cancelled_on__isnull=False),
                name="cancelled_visit_has_cancellation",
            ),
        ]
        # PostgreSQL also refuses overlapping visits for one practitioner with an
        # exclusion constraint, added in migration 0002 (btree_gist).

    def __str__(self):
        return f"{self.get_kind_display()} on {timezone.localtime(self.starts_at):%d %b %Y %H:%M}"

    def save(self, *args, **kwargs):
        # In UTC: local wall-clock arithmetic would be an hour out across a clock change.
        self.ends_at = self.starts_at.astimezone(UTC) + timedelta(minutes=self.duration_minutes)
        super().save(*args, **kwargs)

    @property
    def location_code(self):
        return PLACE_CSDS_CODES[self.place]

    @property
    def attendance_label(self):
        """CSDS's "did not attend" is "was not brought" when a child misses care."""
        if self.attendance == Attendance.DID_NOT_ATTEND:
            return "Was not brought"
        return self.get_attendance_display()

    @property
    def is_cancelled(self):
        return self.state == VisitState.CANCELLED

    @property
    def took_place(self):
        return self.attendance in ATTENDED_CODES


class SharedReview(models.Model):
    """What happened when parent and guider watched the clips together."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="shared_review")
    # The filming visit whose clips were reviewed; films and clips attach to it.
    filming_visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews_of_film"
    )
    parent_noticed = models.TextField("what the parent noticed")
    strengths = models.TextField("strengths named")
    new_ideas = models.TextField("new ideas co-created", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Shared review, {self.visit}"


class SessionSummary(models.Model):
    """After a visit: strengths, points to work on and agreed next steps."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="summary")
    strengths = models.TextField()
    points_to_work_on = models.TextField()
    next_steps = models.TextField("agreed next steps")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "session summaries"

    def __str__(self):
        return f"Summary of {self.visit}"


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Printed letter"


class SummaryDelivery(models.Model):
    """Each time a summary (or closing letter) was sent to the parent."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="deliveries")
    summary = models.ForeignKey(
        SessionSummary, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    method = models.CharField(max_length=10, choices=DeliveryMethod.choices)
    sent_to = models.CharField(max_length=254, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return f"{self.get_method_display()} {self.sent_at:%Y-%m-%d}"
