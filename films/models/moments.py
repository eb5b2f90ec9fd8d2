"""Moments cut from a film in micro-analysis: clips and stills, and what is done with them.

A **clip** is a stretch of a ready film (start and end in milliseconds), a **still**
one frame of it (a time in milliseconds) with a caption. Each is tagged with one
or more of the six principles of attuned interaction (DOMAIN.md) and has a place
in the order the practitioner will show them at the shared review: clips and
stills of a film share one order (``position``). Each moves ``cutting → ready``,
or ``failed`` (with the reason), and ends ``destroyed`` with a
``MomentDestruction`` as proof, as its film does. Their files live inside the
film's folder, so destroying a film's folder destroys them too.

Around them: what the parent saw and noticed at a shared review
(``ReviewMoment``), a supervisor's feedback on a clip (``SupervisionFeedback``)
and the record of a supervision session (``SupervisionSession``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import ImmutableModelMixin

from ..storage import film_storage
from .films import Film, Why


class Principle(models.TextChoices):
    """The principles of attuned interaction and guidance, in the pyramid's order."""

    ATTENTIVE = "attentive", "Being attentive"
    ENCOURAGING = "encouraging", "Encouraging initiatives"
    RECEIVING = "receiving", "Receiving initiatives"
    ATTUNED = "attuned", "Developing attuned interactions"
    GUIDING = "guiding", "Guiding"
    DEEPENING = "deepening", "Deepening discussion"


# What each principle looks like, in plain words for parents and practitioners.
PRINCIPLE_HINTS = {
    Principle.ATTENTIVE: "turning towards, looking interested, giving time and space",
    Principle.ENCOURAGING: "waiting, a warm tone, naming positively",
    Principle.RECEIVING: "showing you noticed: eye contact, smiling, repeating words",
    Principle.ATTUNED: "receiving then responding, taking turns, having fun",
    Principle.GUIDING: "scaffolding, extending, giving information and choices",
    Principle.DEEPENING: "sharing viewpoints, solving problems, a new shared understanding",
}


class MomentState(models.TextChoices):
    CUTTING = "cutting", "Cutting"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be cut"
    DESTROYED = "destroyed", "Destroyed"


class MomentQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(state=MomentState.DESTROYED)

    def visible_to(self, user):
        from accounts.permissions import programme_scope

        scope = programme_scope(user, prefix="programme__")
        return self.none() if scope is None else self.filter(scope)


class Moment(models.Model):
    """What clips and stills share."""

    # In URLs and file names instead of the sequential id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        "vig_sessions.Programme", on_delete=models.PROTECT, related_name="+"
    )
    # Codes of ``Principle``, one or more, in the pyramid's order.
    principles = models.JSONField(default=list)
    # The place in the shared review, shared by a film's clips and stills.
    position = models.PositiveIntegerField(default=0)
    state = models.CharField(
        max_length=10, choices=MomentState.choices, default=MomentState.CUTTING, db_index=True
    )
    failure_reason = models.TextField(blank=True)
    file = models.FileField(storage=film_storage, max_length=200, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    # Chosen by the page when the form is drawn: a double-clicked save makes one.
    key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Which cut is wanted: a change of times asks for a new one (a new file name),
    # so a redelivered task for an old cut does nothing.
    cut_version = models.PositiveIntegerField(default=1)
    # Marked for uses beyond the family's own review, only while consent is in force.
    for_group_supervision = models.BooleanField(default=False)
    for_training = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    objects = MomentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "created_at", "pk"]

    @property
    def principle_labels(self):
        return [Principle(code).label for code in Principle.values if code in self.principles]

    @property
    def is_live(self):
        return self.state != MomentState.DESTROYED


class Clip(Moment):
    kind = "clip"

    start_ms = models.PositiveIntegerField()
    end_ms = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    # The practitioner's note of what is happening.
    note = models.TextField(blank=True)

    class Meta(Moment.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_ms__gt=models.F("start_ms")), name="clip_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="failed") | ~models.Q(failure_reason=""),
                name="failed_clip_says_why",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="destroyed")
                | models.Q(file="", destroyed_at__isnull=False),
                name="destroyed_clip_has_no_file",
            ),
        ]

    def __str__(self):
        return f"Clip {self.title!r} ({self.get_state_display()})"

    @property
    def seconds(self):
        return (self.end_ms - self.start_ms) / 1000


class Still(Moment):
    kind = "still"

    at_ms = models.PositiveIntegerField()
    caption = models.CharField(max_length=300)

    class Meta(Moment.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="failed") | ~models.Q(failure_reason=""),
                name="failed_still_says_why",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="destroyed")
                | models.Q(file="", destroyed_at__isnull=False),
                name="destroyed_still_has_no_file",
            ),
        ]

    def __str__(self):
        return f"Still {self.caption!r} ({self.get_state_display()})"

    @property
    def title(self):
        return self.caption


class MomentDestruction(ImmutableModelMixin, models.Model):
    """Proof that a clip or still existed and was destroyed, kept after its file is gone."""

    kind = models.CharField(max_length=5, choices=[("clip", "Clip"), ("still", "Still")])
    public_id = models.UUIDField(unique=True)
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="moment_destructions")
    programme = models.ForeignKey(
        "vig_sessions.Programme", on_delete=models.PROTECT, related_name="moment_destructions"
    )
    why = models.CharField(max_length=10, choices=Why.choices)
    state_before = models.CharField(max_length=10, choices=MomentState.choices)
    start_ms = models.PositiveIntegerField(null=True, blank=True)
    end_ms = models.PositiveIntegerField(null=True, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    destroyed_at = models.DateTimeField(default=timezone.now)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    destroyed_by_label = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["destroyed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(destroyed_by__isnull=False) | ~models.Q(destroyed_by_label=""),
                name="moment_destruction_says_by_whom",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.public_id} destroyed ({self.get_why_display()})"


class ReviewMoment(models.Model):
    """A clip or still shown at a shared review, and what the parent noticed in it."""

    # The shared review visit (its SharedReview record may be written later).
    visit = models.ForeignKey(
        "vig_sessions.Visit", on_delete=models.PROTECT, related_name="review_moments"
    )
    clip = models.ForeignKey(
        Clip, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    still = models.ForeignKey(
        Still, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    parent_noticed = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(clip__isnull=True) ^ models.Q(still__isnull=True),
                name="review_moment_is_a_clip_or_a_still",
            ),
            models.UniqueConstraint(fields=["visit", "clip"], name="clip_shown_once_per_review"),
            models.UniqueConstraint(fields=["visit", "still"], name="still_shown_once_per_review"),
        ]

    def __str__(self):
        return f"Shown at {self.visit}"


class SupervisionFeedback(models.Model):
    """A VIG supervisor's feedback on a trainee's clip, for the guider to read."""

    clip = models.ForeignKey(Clip, on_delete=models.CASCADE, related_name="feedback")
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self):
        return f"Feedback on {self.clip_id}"


class SupervisionSession(models.Model):
    """A supervision session held with a trainee: when, how long, which clips."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_given"
    )
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_received"
    )
    held_on = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField()
    clips = models.ManyToManyField(Clip, blank=True, related_name="supervision_sessions")
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="supervision_5_to_480_minutes",
            )
        ]

    def __str__(self):
        return f"Supervision of {self.supervisee_id} on {self.held_on}"
