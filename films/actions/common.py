"""The rules every film action shares, and how films are audited."""

from accounts import audit
from consent.models import Scope
from consent.queries import allowed_now
from sessions.models import VisitKind, VisitState


class FilmError(ValueError):
    """The film can't be taken as asked; the message says why, in plain words."""


class AuditAction:
    UPLOAD_STARTED = "film.upload_started"
    UPLOADED = "film.uploaded"
    READY = "film.ready"
    REJECTED = "film.rejected"
    UPLOAD_DISCARDED = "film.upload_discarded"
    PLAYED = "film.played"
    DESTROYED = "film.destroyed"


def film_may_be_kept(programme, allowed=None):
    """A film may exist only while filming *and* keeping-the-film consent are in force."""
    allowed = allowed_now(programme) if allowed is None else allowed
    return allowed[Scope.FILMING] and allowed[Scope.KEEP_FILM]


def why_not_add(visit, programme=None):
    """Why no film can be added to ``visit`` now, or "" when one can."""
    programme = programme or visit.programme
    if visit.kind != VisitKind.FILMING:
        return (
            f"Films can only be added to a filming visit. This is a "
            f"{visit.get_kind_display().lower()} visit."
        )
    if visit.is_cancelled:
        return "This visit was cancelled, so no film can be added to it."
    if visit.state == VisitState.HAPPENED and not visit.took_place:
        return (
            f"This visit did not take place ({visit.attendance_label.lower()}), "
            "so there is no film to add."
        )
    if not visit.took_place:
        return (
            "A film can be added once the visit has taken place. Record what happened "
            "at the visit first."
        )
    if programme.is_closed:
        return "This programme has ended. Nothing more can be added to it."
    allowed = allowed_now(programme)
    if not allowed[Scope.FILMING]:
        return (
            "The family has not agreed to being filmed, or has withdrawn that consent, "
            "so no film can be added. Check the family's consent."
        )
    if not allowed[Scope.KEEP_FILM]:
        return (
            "The family has not agreed to the film being kept for the programme, "
            "so it can't be stored. Check the family's consent."
        )
    return ""


def audit_film(action, film, *, by=None, label="", request=None, **details):
    programme = film.programme
    audit.record(
        action,
        actor=by,
        actor_label=label,
        target=film,
        family_reference=programme.reference,
        team_id=programme.referral.team_id,
        request=request,
        details={"film": str(film.public_id), "visit": film.visit_id, **details},
    )
