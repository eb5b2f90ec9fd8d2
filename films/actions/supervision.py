"""A supervisor's feedback on a clip, and the record of a supervision session."""

from django.db import transaction

from accounts import audit

from ..models import SupervisionFeedback, SupervisionSession
from .common import FilmError
from .moments import Audit, audit_moment

SESSION_RECORDED = "supervision.session_recorded"


@transaction.atomic
def write_feedback(*, clip, text, by, request=None):
    """The view loads ``clip`` through ``films.supervision.clip_for_supervisor``,
    which lists it only while the family's supervisor consent is in force."""
    text = text.strip()
    if not text:
        raise FilmError("Write your feedback")
    feedback = SupervisionFeedback.objects.create(clip=clip, text=text, written_by=by)
    audit_moment(Audit.FEEDBACK, clip, by=by, request=request, length=len(text))
    return feedback


@transaction.atomic
def record_session(
    *, supervisor, supervisee, held_on, duration_minutes, clips, notes, request=None
):
    if supervisee.supervisor_id != supervisor.pk:
        raise FilmError("Choose one of the trainees you supervise")
    if any(clip.programme.guider_id != supervisee.pk for clip in clips):
        raise FilmError("Choose clips of the trainee's own families")
    session = SupervisionSession.objects.create(
        supervisor=supervisor,
        supervisee=supervisee,
        held_on=held_on,
        duration_minutes=duration_minutes,
        notes=notes.strip(),
    )
    session.clips.set(clips)
    audit.record(
        SESSION_RECORDED,
        actor=supervisor,
        target=session,
        request=request,
        details={
            "session": str(session.public_id),
            "supervisee": supervisee.pk,
            "minutes": duration_minutes,
            "clips": len(clips),
        },
    )
    return session
