"""Visits: appointments with the family (CSDS care contacts).

Films and clips (a later piece of work) hang off filming visits.
"""

import uuid
from datetime import UTC, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .programme import Programme
from .querysets import VisitQuerySet


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
    # The family's team (their referral's), copied here so a team's visits in a period
    # are one index range for the reports (ADR 0011). Kept equal to
    # programme.referral.team by save() and by allocation, which moves a family's
    # visits with them when they change team.
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="+", db_index=False
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
    # When the cancellation was recorded (cancelled_on is the day, for CSDS).
    # Visits cancelled before this was kept have only the day.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["practitioner", "starts_at"]),
            models.Index(fields=["team", "starts_at"], name="visit_team_starts_at"),
        ]
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
        if self.team_id is None:
            self.team_id = self.programme.referral.team_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "programmes:visit",
            kwargs={"reference": self.programme.reference, "visit_id": self.public_id},
        )

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
