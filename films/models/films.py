"""Films of a family's filming visits, their uploads, and proof of their destruction.

A film belongs to a filming visit (one or more per visit). Its bytes live in the
private ``films`` storage only: the upload (``original``) until it is checked,
then one canonical, web-safe copy (``file``) and a poster frame. A film moves
``receiving → checking → ready``, or ends ``rejected`` (with the reason shown to
the practitioner) or ``destroyed``. The row outlives the bytes: what existed and
why it went stays, with a ``FilmDestruction`` as proof.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import ImmutableModelMixin

from ..storage import film_storage


class FilmState(models.TextChoices):
    RECEIVING = "receiving", "Uploading"
    CHECKING = "checking", "Checking"
    READY = "ready", "Ready"
    REJECTED = "rejected", "Not accepted"
    DESTROYED = "destroyed", "Destroyed"


# States in which bytes of the film may exist.
LIVE_STATES = (FilmState.RECEIVING, FilmState.CHECKING, FilmState.READY)


class Source(models.TextChoices):
    UPLOAD = "upload", "Uploaded"
    RECORDING = "recording", "Recorded in the browser"


class FilmQuerySet(models.QuerySet):
    def live(self):
        return self.filter(state__in=LIVE_STATES)

    def visible_to(self, user):
        from sessions.queries import programme_scope

        scope = programme_scope(user, prefix="programme__")
        return self.none() if scope is None else self.filter(scope)


class Film(models.Model):
    # In URLs and storage paths instead of the sequential id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        "vig_sessions.Programme", on_delete=models.PROTECT, related_name="films"
    )
    visit = models.ForeignKey("vig_sessions.Visit", on_delete=models.PROTECT, related_name="films")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.UPLOAD)
    state = models.CharField(
        max_length=10, choices=FilmState.choices, default=FilmState.RECEIVING, db_index=True
    )
    rejection_reason = models.TextField(blank=True)
    # Chosen by the page for each upload, so a repeated request makes one film.
    upload_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    filmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="films"
    )
    filmed_at = models.DateTimeField()

    # What was uploaded. The name is the file's name on the practitioner's device.
    original_name = models.CharField(max_length=255, blank=True)
    original_size = models.BigIntegerField(null=True, blank=True)
    original_container = models.CharField(max_length=100, blank=True)
    original_codecs = models.CharField(max_length=200, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # Frames per second of the canonical copy: the micro-analysis player steps by 1/fps.
    frame_rate = models.FloatField(null=True, blank=True)
    # The canonical copy: H.264 + AAC in MP4, upright, no metadata.
    size = models.BigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    original = models.FileField(storage=film_storage, max_length=200, blank=True)
    file = models.FileField(storage=film_storage, max_length=200, blank=True)
    poster = models.FileField(storage=film_storage, max_length=200, blank=True)

    # The practitioner's observational notes on the film as a whole (micro-analysis).
    observations = models.TextField(blank=True)
    observations_updated_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    received_at = models.DateTimeField(null=True, blank=True)
    # Claimed by the checking task; a stale claim may be taken again.
    check_started_at = models.DateTimeField(null=True, blank=True)
    check_attempts = models.PositiveSmallIntegerField(default=0)
    ready_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    objects = FilmQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="ready")
                | (
                    models.Q(size__isnull=False, ready_at__isnull=False)
                    & ~models.Q(sha256="")
                    & ~models.Q(file="")
                ),
                name="ready_film_has_checked_copy",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="rejected") | ~models.Q(rejection_reason=""),
                name="rejected_film_says_why",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="destroyed")
                | (models.Q(destroyed_at__isnull=False, file="", poster="", original="")),
                name="destroyed_film_has_no_files",
            ),
        ]

    def __str__(self):
        return f"Film {self.public_id} ({self.get_state_display()})"

    @property
    def folder(self):
        """Where this film's files live in the films storage."""
        return str(self.public_id)

    @property
    def is_live(self):
        return self.state in LIVE_STATES

    @property
    def codecs(self):
        return self.original_codecs

    @property
    def destroy_on(self):
        """The day the retention sweep destroys this film, once the programme has ended."""
        ended_on = self.programme.ended_on
        if ended_on is None or not self.is_live:
            return None
        return ended_on + timedelta(days=settings.FILM_RETENTION_DAYS)


class FilmUpload(models.Model):
    """The transfer of a film in chunks, so it can resume after a dropped connection.

    The bytes go to the film's ``original`` file; ``offset`` says how many have
    arrived. ``length`` is declared when the upload starts, or is unknown while a
    recording is still being made. ``busy_until`` is a short lease, so two
    requests never write the same upload at once.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    film = models.OneToOneField(Film, on_delete=models.PROTECT, related_name="upload")
    length = models.BigIntegerField(null=True, blank=True)
    offset = models.BigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    busy_until = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(offset__gte=0)
                & (models.Q(length__isnull=True) | models.Q(offset__lte=models.F("length"))),
                name="film_upload_offset_within_length",
            )
        ]

    def __str__(self):
        return f"Upload of {self.film.public_id}: {self.offset} of {self.length or '?'} bytes"

    @property
    def percent(self):
        if not self.length:
            return 0
        return int(self.offset * 100 / self.length)


class Why(models.TextChoices):
    WITHDRAWAL = "withdrawal", "consent withdrawn"
    RETENTION = "retention", "retention period ended"
    REMOVED = "removed", "removed by a practitioner"


class FilmDestruction(ImmutableModelMixin, models.Model):
    """Proof that a film existed and was destroyed: kept after the bytes are gone."""

    film = models.OneToOneField(Film, on_delete=models.PROTECT, related_name="destruction")
    programme = models.ForeignKey(
        "vig_sessions.Programme", on_delete=models.PROTECT, related_name="film_destructions"
    )
    why = models.CharField(max_length=10, choices=Why.choices)
    # The practitioner's own words when they removed the film.
    reason = models.TextField(blank=True)
    state_before = models.CharField(max_length=10, choices=FilmState.choices)
    size = models.BigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    original_size = models.BigIntegerField(null=True, blank=True)
    destroyed_at = models.DateTimeField(default=timezone.now)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Which automatic process, when no person did it ("films sweep", …).
    destroyed_by_label = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["destroyed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(destroyed_by__isnull=False) | ~models.Q(destroyed_by_label=""),
                name="film_destruction_says_by_whom",
            ),
            models.CheckConstraint(
                condition=~models.Q(why="removed") | ~models.Q(reason=""),
                name="removed_film_has_reason",
            ),
        ]

    def __str__(self):
        return f"Film {self.film_id} destroyed ({self.get_why_display()})"

    @property
    def by(self):
        return self.destroyed_by.full_name if self.destroyed_by_id else self.destroyed_by_label
