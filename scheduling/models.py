"""The schedule in the database (ADR 0002, 0010): due work, staff tasks, the
message log, follow-up settings and the links families manage visits with."""

import uuid
from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone


class FollowUpSettings(models.Model):
    """One service's follow-up rules. A service without a row uses the defaults."""

    service = models.OneToOneField(
        "accounts.Service", on_delete=models.CASCADE, related_name="follow_up_settings"
    )
    micro_analysis_working_days = models.PositiveSmallIntegerField(
        default=3, help_text="Working days after a filming visit to micro-analyse the film."
    )
    shared_review_after_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days after a filming visit to propose the shared review."
    )
    next_filming_after_days = models.PositiveSmallIntegerField(
        default=14, help_text="Days after a shared review to propose the next filming visit."
    )
    check_in_after_months = models.PositiveSmallIntegerField(
        default=6, help_text="Months after the programme ends to check in. 0 turns it off."
    )
    not_brought_contact_working_days = models.PositiveSmallIntegerField(
        default=2, help_text="Working days to contact a family after a visit they missed."
    )
    not_brought_flag_count = models.PositiveSmallIntegerField(
        default=2, help_text="Missed visits (within the window) that flag a safeguarding review."
    )
    not_brought_window_days = models.PositiveSmallIntegerField(default=90)
    first_reminder_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days before a visit to send the first reminder. 0 turns it off."
    )
    second_reminder_days = models.PositiveSmallIntegerField(
        default=2, help_text="Days before a visit to send the second reminder. 0 turns it off."
    )
    working_day_starts = models.TimeField(default=time(9))
    working_day_ends = models.TimeField(default=time(17))

    class Meta:
        verbose_name = "follow-up settings"
        verbose_name_plural = "follow-up settings"

    def __str__(self):
        return f"Follow-up settings of {self.service}"

    @classmethod
    def for_service(cls, service):
        found = cls.objects.filter(service=service).first()
        return found or cls(service=service)


class WorkKind(models.TextChoices):
    VISIT_MESSAGE = "visit_message", "Message about a booked, changed or cancelled visit"
    REMINDER = "reminder", "Visit reminder"
    WAITING_ALERT = "waiting_alert", "Waiting-time alert"
    CHECK_IN = "check_in", "Check-in after the programme"


class WorkState(models.TextChoices):
    DUE = "due", "Due"
    CLAIMED = "claimed", "Claimed"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"
    FAILED = "failed", "Failed"


class DueWork(models.Model):
    """Work due at a time: claimed by the sweep, done by a task, once."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=WorkKind.choices)
    service = models.ForeignKey("accounts.Service", on_delete=models.CASCADE, related_name="+")
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        "vig_sessions.Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    visit = models.ForeignKey(
        "vig_sessions.Visit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    payload = models.JSONField(default=dict, blank=True)
    due_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=WorkState.choices, default=WorkState.DUE)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name_plural = "due work"
        indexes = [
            # The sweep's claim: due rows, oldest first.
            models.Index(
                fields=["due_at"], condition=models.Q(state="due"), name="duework_due_idx"
            ),
            models.Index(fields=["state", "claimed_at"], name="duework_claimed_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} due {self.due_at:%Y-%m-%d %H:%M} ({self.state})"


class TaskKind(models.TextChoices):
    MICRO_ANALYSE = "micro_analyse", "Micro-analyse the film"
    CONTACT_AFTER_MISSED = "contact_missed", "Contact the family after a missed visit"
    SAFEGUARDING_REVIEW = "safeguarding", "Safeguarding review"
    PHONE_FAMILY = "phone_family", "Phone the family"
    REARRANGE = "rearrange", "The family asked to rearrange"
    WAITING_BREACH = "waiting_breach", "Waiting past the target"
    CHECK_IN = "check_in", "Check in with the family"
    NEW_FAMILY = "new_family", "New family allocated"
    POST_LETTER = "post_letter", "Post a letter to the family"
    INTERPRET = "interpret", "Explain a message through an interpreter"


class StaffTask(models.Model):
    """Something a practitioner (or, without one, the team leads) must do."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Made once: an action run twice finds the task it made before.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=TaskKind.choices)
    service = models.ForeignKey("accounts.Service", on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Empty: for the team leads of the team (or of the service, with no team).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_tasks",
    )
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        "vig_sessions.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_tasks",
    )
    visit = models.ForeignKey(
        "vig_sessions.Visit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    due_on = models.DateField()
    # A flag shows on the case page and the team lead's home until it is done.
    is_flag = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True) | models.Q(done_by__isnull=False),
                name="done_task_has_doer",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.done_at is not None


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"
    NONE = "none", "Not sent"


class MessageStatus(models.TextChoices):
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    TO_POST = "to_post", "Printed and posted by the team"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"
    WITHHELD = "withheld", "Withheld: the family's contact preferences"


class MessageLog(models.Model):
    """One message to one person, whatever the channel: the idempotency record.

    ``key`` is checked before the send and the row completed after it; for Notify,
    ``reference`` (random, no personal data) finds a message a dead worker sent.
    """

    key = models.CharField(max_length=250, unique=True)
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey("accounts.Service", on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(
        "vig_sessions.Programme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    visit = models.ForeignKey(
        "vig_sessions.Visit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    template = models.CharField(max_length=50)
    recipient = models.CharField(max_length=254, blank=True)
    status = models.CharField(max_length=10, choices=MessageStatus.choices)
    notify_id = models.CharField(max_length=64, blank=True, db_index=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    status_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return f"{self.template} by {self.channel} ({self.status})"


class AppointmentLink(models.Model):
    """The nonce behind a "manage my appointment" link: revocable, one family's."""

    nonce = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    visit = models.ForeignKey("vig_sessions.Visit", on_delete=models.CASCADE, related_name="+")
    caregiver = models.ForeignKey("referrals.Caregiver", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "caregiver"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_link_per_visit_and_caregiver",
            )
        ]

    def __str__(self):
        return f"Link for visit {self.visit_id}"


class Letter(models.Model):
    """A letter the team prints and posts (no Notify letters): what it says is
    fixed when it is written, as an email's words are when it is sent."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.OneToOneField(StaffTask, on_delete=models.CASCADE, related_name="letter")
    message = models.OneToOneField(MessageLog, on_delete=models.CASCADE, related_name="letter")
    address_lines = models.JSONField(default=list)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.subject
