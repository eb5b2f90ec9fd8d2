"""What follows a visit: the shared review, the session summary (or the record
that it was skipped), and each sending of a summary or closing letter to the family.

A shared review points at the filming visit whose clips it reviews.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .programme import Programme
from .visits import Visit


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


class SummarySkip(models.Model):
    """A visit that took place whose summary the guider decided not to write, and
    why: on the record, so the closing letter is never silently missing one."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="summary_skip")
    reason = models.TextField()
    skipped_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    skipped_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="summary_skip_has_reason")
        ]

    def __str__(self):
        return f"Summary skipped, {self.visit}"


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Printed letter"


class SummaryDelivery(models.Model):
    """Each time a summary (or closing letter) was sent to the parent.

    ``sent_at`` is when someone sent it (or recorded the printed letter); an email
    then leaves from a task, and ``emailed_at`` says when it did: the task's
    "send once" guard (``sessions.actions.sending``).
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="deliveries")
    summary = models.ForeignKey(
        SessionSummary, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    method = models.CharField(max_length=10, choices=DeliveryMethod.choices)
    sent_to = models.CharField(max_length=254, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    sent_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return f"{self.get_method_display()} {self.sent_at:%Y-%m-%d}"
