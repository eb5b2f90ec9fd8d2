"""Answers to "What did you think of this service?".

No personal data is asked for: a satisfaction rating, an optional suggestion
(the form tells people not to put personal details in it), which service it is
about, and when. No address, no session, nothing that links it to a family.
"""

import uuid

from django.db import models
from django.utils import timezone

from .queries import FeedbackQuerySet

IMPROVE_MAX = 1200


class Satisfaction(models.IntegerChoices):
    """The GOV.UK satisfaction scale, best first."""

    VERY_SATISFIED = 5, "Very satisfied"
    SATISFIED = 4, "Satisfied"
    NEITHER = 3, "Neither satisfied nor dissatisfied"
    DISSATISFIED = 2, "Dissatisfied"
    VERY_DISSATISFIED = 1, "Very dissatisfied"


class Feedback(models.Model):
    service = models.ForeignKey(
        "accounts.Service",
        on_delete=models.PROTECT,
        related_name="feedback",
        help_text="The service the person used. Its team leads read the answer.",
    )
    satisfaction = models.PositiveSmallIntegerField(
        choices=Satisfaction.choices, help_text="How satisfied the person was, from 1 to 5."
    )
    improve = models.TextField(
        "how we could improve",
        blank=True,
        max_length=IMPROVE_MAX,
        help_text="Their suggestion in their own words, if they gave one.",
    )
    # Written into the form when it is shown: sending the same form twice
    # (a double click, back and resend) finds the first answer and adds nothing.
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, help_text="When the answer was sent.")

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "feedback"
        indexes = [models.Index(fields=["service", "-created_at"])]

    def __str__(self):
        return f"{self.get_satisfaction_display()} ({self.created_at:%Y-%m-%d})"
