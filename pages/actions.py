"""Writes. Feedback holds no personal data, so it is not audited."""

import uuid

from django.db import IntegrityError, transaction

from .models import Feedback


def record_feedback(
    *, service, satisfaction: int, improve: str, submission_key: uuid.UUID
) -> tuple[Feedback, bool]:
    """Store one answer. Returns ``(feedback, created)``.

    The same ``submission_key`` twice (a double click, back and resend, two
    requests racing) stores one row and returns it both times.
    """
    existing = Feedback.objects.filter(submission_key=submission_key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                service=service,
                satisfaction=satisfaction,
                improve=improve,
                submission_key=submission_key,
            )
    except IntegrityError:
        # Another request with the same key got there first.
        return Feedback.objects.get(submission_key=submission_key), False
    return feedback, True
