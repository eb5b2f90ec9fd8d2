"""After a visit: the shared review and the session summary, or the record of
why there is none.

Each action's rules about the visit are its ``why_not_…`` function, which the
pages ask too.
"""

from django.db import transaction
from django.utils import timezone

from ..models import (
    GoalRating,
    RatingWhen,
    SessionSummary,
    SharedReview,
    SummarySkip,
    VisitKind,
)
from .base import AuditAction, ProgrammeError, audit_change, lock_open
from .goals import save_ratings


def why_not_review(visit):
    if visit.kind != VisitKind.SHARED_REVIEW:
        return ProgrammeError(
            "A shared review is recorded on a shared-review visit.",
            explanation="A shared review is recorded on a shared-review visit. This is a "
            f"{visit.get_kind_display().lower()} visit.",
        )
    if not visit.took_place:
        return ProgrammeError(
            "Record that the visit took place first.",
            explanation="Record that the visit took place before recording the shared review.",
        )
    return None


def why_not_write_summary(visit):
    if not visit.took_place:
        return ProgrammeError(
            "Record that the visit took place first.",
            explanation="Record that the visit took place before writing its summary.",
        )
    return None


def why_not_skip_summary(visit):
    """Only a visit that took place, and has no summary, has a summary to skip."""
    if not visit.took_place:
        return ProgrammeError(
            "Only a visit that took place has a summary to skip.",
            explanation="This visit did not take place, so it needs no summary.",
        )
    if SessionSummary.objects.filter(visit=visit).exists():
        return ProgrammeError(
            "This visit's summary has been written.",
            explanation="This visit's summary has been written, so there is nothing to skip.",
        )
    return None


@transaction.atomic
def record_shared_review(
    *,
    visit,
    parent_noticed: str,
    strengths: str,
    new_ideas: str = "",
    filming_visit=None,
    scores: dict | None = None,
    by,
    request=None,
):
    """The shared review, and the helping-question ratings the parent gave."""
    programme = lock_open(visit.programme)
    if refusal := why_not_review(visit):
        raise refusal
    if filming_visit is not None and (
        filming_visit.programme_id != programme.pk or filming_visit.kind != VisitKind.FILMING
    ):
        raise ProgrammeError("Choose a filming visit from this programme.")
    review, _ = SharedReview.objects.update_or_create(
        visit=visit,
        defaults={
            "parent_noticed": parent_noticed.strip(),
            "strengths": strengths.strip(),
            "new_ideas": new_ideas.strip(),
            "filming_visit": filming_visit,
            "recorded_by": by,
        },
    )
    if scores:
        GoalRating.objects.filter(visit=visit, when=RatingWhen.REVIEW).delete()
        save_ratings(
            programme, scores, RatingWhen.REVIEW, visit, by, timezone.localdate(visit.starts_at)
        )
    audit_change(AuditAction.REVIEW_RECORDED, programme, by, request, visit=visit.pk)
    return review


@transaction.atomic
def write_summary(
    *, visit, strengths: str, points_to_work_on: str, next_steps: str, by, request=None
):
    programme = lock_open(visit.programme)
    if refusal := why_not_write_summary(visit):
        raise refusal
    summary, _ = SessionSummary.objects.update_or_create(
        visit=visit,
        defaults={
            "strengths": strengths.strip(),
            "points_to_work_on": points_to_work_on.strip(),
            "next_steps": next_steps.strip(),
            "written_by": by,
            "written_at": timezone.now(),
        },
    )
    audit_change(AuditAction.SUMMARY_WRITTEN, programme, by, request, visit=visit.pk)
    return summary


@transaction.atomic
def skip_summary(*, visit, reason: str, by, request=None):
    """Record that no summary will be written for a visit that took place, and why,
    so the ending can go ahead knowing it. Skipping again keeps the first record."""
    programme = lock_open(visit.programme)
    if refusal := why_not_skip_summary(visit):
        raise refusal
    if not reason.strip():
        raise ProgrammeError("Say why there is no summary.")
    skip, created = SummarySkip.objects.get_or_create(
        visit=visit,
        defaults={"reason": reason.strip(), "skipped_by": by, "skipped_at": timezone.now()},
    )
    if created:
        audit_change(AuditAction.SUMMARY_SKIPPED, programme, by, request, visit=visit.pk)
    return skip
