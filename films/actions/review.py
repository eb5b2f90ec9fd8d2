"""The shared review: which clips and stills were shown, and what the parent noticed."""

from django.db import transaction

from accounts import audit
from sessions.actions import why_not_add_to
from sessions.models import ATTENDED_CODES, Visit, VisitKind

from ..models import Clip, MomentState, ReviewMoment, Still
from .common import FilmError

RECORDED = "review.moments_recorded"


def filming_visit_reviewed(visit):
    """The filming visit a shared review looks back at: the one its record names, or
    else the latest filming visit that took place before it."""
    review = getattr(visit, "shared_review", None)
    if review is not None and review.filming_visit_id:
        return review.filming_visit
    return (
        Visit.objects.filter(
            programme=visit.programme,
            kind=VisitKind.FILMING,
            attendance__in=ATTENDED_CODES,
            starts_at__lt=visit.starts_at,
        )
        .order_by("-starts_at")
        .first()
    )


def why_not_record_shown(visit):
    if visit.kind != VisitKind.SHARED_REVIEW:
        return "Clips are shown at a shared review visit."
    if refusal := why_not_add_to(visit.programme):
        return refusal.explanation
    return ""


@transaction.atomic
def record_shown(*, visit, shown, by, request=None):
    """``shown``: ``{(kind, moment): what the parent noticed}`` for each clip or
    still shown. Replaces what was recorded for this visit before (the form shows
    it all again), so sending it twice records the same."""
    if problem := why_not_record_shown(visit):
        raise FilmError(problem)
    for (_, moment), _noticed in shown.items():
        if moment.programme_id != visit.programme_id or moment.state != MomentState.READY:
            raise FilmError("Choose clips and stills of this family's film.")
    keep_clips = [m.pk for (kind, m) in shown if kind == "clip"]
    keep_stills = [m.pk for (kind, m) in shown if kind == "still"]
    rows = ReviewMoment.objects.filter(visit=visit)
    rows.filter(clip__isnull=False).exclude(clip__in=keep_clips).delete()
    rows.filter(still__isnull=False).exclude(still__in=keep_stills).delete()
    noticed_count = 0
    for (kind, moment), noticed in shown.items():
        noticed = (noticed or "").strip()
        noticed_count += bool(noticed)
        ReviewMoment.objects.update_or_create(
            visit=visit,
            **{kind: moment},
            defaults={"parent_noticed": noticed, "recorded_by": by},
        )
    programme = visit.programme
    audit.record(
        RECORDED,
        actor=by,
        target=visit,
        family_reference=programme.reference,
        team_id=programme.referral.team_id,
        request=request,
        details={"visit": visit.pk, "shown": len(shown), "noticed": noticed_count},
    )
    return len(shown)


def shown_at(visit):
    """``{(kind, pk): ReviewMoment}`` recorded for a shared review visit."""
    found = {}
    for row in ReviewMoment.objects.filter(visit=visit):
        key = ("clip", row.clip_id) if row.clip_id else ("still", row.still_id)
        found[key] = row
    return found


def moments_of_visit(filming_visit):
    """The ready clips and stills of a filming visit's films, in the practitioner's
    order (film by film): two queries."""
    if filming_visit is None:
        return []
    found = []
    for model in (Clip, Still):
        found += list(
            model.objects.filter(film__visit=filming_visit, state=MomentState.READY).select_related(
                "film__visit"
            )
        )
    return sorted(
        found, key=lambda m: (m.film.created_at, m.film.pk, m.position, m.created_at, m.kind)
    )
