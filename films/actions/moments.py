"""Marking moments in a ready film: clips and stills, their order, observations.

Each write locks the film's row (so two saves can't take the same place in the
order, and a double-clicked save finds the first by its ``key``), checks the
same rules the page shows (``why_not_analyse``, ``clip_times_problem``),
audits, and queues the cut after commit. Clips and stills follow their film's
consent: nothing is marked or changed while filming or keeping-the-film consent
is not in force, and group supervision or training marks only while that consent is.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts import audit
from consent.models import Scope
from consent.queries import allowed_now

from ..models import Clip, Film, FilmState, MomentState, Principle, Still
from ..timecode import format_length
from .common import FilmError, film_may_be_kept


class Audit:
    ADDED = "moment.added"
    CHANGED = "moment.changed"
    MOVED = "moment.moved"
    CUT = "moment.cut"
    CUT_FAILED = "moment.cut_failed"
    PLAYED = "moment.played"
    DESTROYED = "moment.destroyed"
    UNMARKED = "moment.unmarked"
    OBSERVATIONS = "film.observations_saved"
    FEEDBACK = "moment.feedback_written"


def audit_moment(action, moment, *, by=None, label="", request=None, **details):
    programme = moment.programme
    audit.record(
        action,
        actor=by,
        actor_label=label,
        target=moment,
        family_reference=programme.reference,
        team_id=programme.referral.team_id,
        request=request,
        details={
            "kind": moment.kind,
            "moment": str(moment.public_id),
            "film": str(moment.film.public_id),
            "title": moment.title,
            **details,
        },
    )


def why_not_analyse(film, programme=None, allowed=None):
    """Why no clip or still can be marked in ``film`` now, or "" when they can.
    ``allowed``: the family's consent now (``allowed_now``), if already read."""
    programme = programme or film.programme
    if film.state != FilmState.READY:
        return "Clips and stills can be marked once the film has been checked and is ready."
    if not film_may_be_kept(programme, allowed):
        return (
            "The family's consent to filming or to keeping the film is no longer in force, "
            "so no clips or stills can be made from it."
        )
    if programme.is_closed:
        return "This programme has ended. Nothing more can be added to it."
    return ""


def clip_times_problem(film, start_ms, end_ms):
    """What is wrong with these times for a clip of ``film``, or ""."""
    length_ms = round((film.duration_seconds or 0) * 1000)
    shortest = round(settings.CLIP_MIN_SECONDS * 1000)
    longest = round(settings.CLIP_MAX_SECONDS * 1000)
    if end_ms <= start_ms:
        return "The end must be after the start"
    if end_ms > length_ms:
        return f"The end must be within the film, which is {format_length(length_ms)} long"
    if end_ms - start_ms < shortest:
        return f"A clip must be at least {format_length(shortest)} long"
    if end_ms - start_ms > longest:
        return f"A clip must be {format_length(longest)} long or shorter"
    return ""


def still_time_problem(film, at_ms):
    length_ms = round((film.duration_seconds or 0) * 1000)
    if at_ms >= length_ms:
        return f"The time must be within the film, which is {format_length(length_ms)} long"
    return ""


def _principles(codes):
    codes = list(dict.fromkeys(codes or ()))
    unknown = [code for code in codes if code not in Principle.values]
    if unknown or not codes:
        raise FilmError("Choose at least one of the principles this moment shows")
    return [code for code in Principle.values if code in codes]


def _locked_film(film):
    locked = (
        Film.objects.select_for_update()
        .select_related("programme__referral", "visit")
        .get(pk=film.pk)
    )
    if problem := why_not_analyse(locked):
        raise FilmError(problem)
    return locked


def _next_position(film):
    clips = Clip.objects.filter(film=film).aggregate(top=Max("position"))["top"] or 0
    stills = Still.objects.filter(film=film).aggregate(top=Max("position"))["top"] or 0
    return max(clips, stills) + 1


def _queue_cut(moment):
    from ..tasks import cut_moment

    cut_moment.delay(moment.kind, moment.pk, moment.cut_version)


@transaction.atomic
def add_clip(*, film, start_ms, end_ms, title, principles, note="", key=None, by, request=None):
    film = _locked_film(film)
    if key and (existing := Clip.objects.filter(key=key, film=film).first()):
        return existing  # the same form sent twice
    if problem := clip_times_problem(film, start_ms, end_ms):
        raise FilmError(problem)
    clip = Clip.objects.create(
        film=film,
        programme=film.programme,
        start_ms=start_ms,
        end_ms=end_ms,
        title=title.strip(),
        note=note.strip(),
        principles=_principles(principles),
        position=_next_position(film),
        key=key,
        created_by=by,
    )
    audit_moment(
        Audit.ADDED,
        clip,
        by=by,
        request=request,
        start=start_ms,
        end=end_ms,
        principles=clip.principles,
    )
    _queue_cut(clip)
    return clip


@transaction.atomic
def add_still(*, film, at_ms, caption, principles, key=None, by, request=None):
    film = _locked_film(film)
    if key and (existing := Still.objects.filter(key=key, film=film).first()):
        return existing
    if problem := still_time_problem(film, at_ms):
        raise FilmError(problem)
    still = Still.objects.create(
        film=film,
        programme=film.programme,
        at_ms=at_ms,
        caption=caption.strip(),
        principles=_principles(principles),
        position=_next_position(film),
        key=key,
        created_by=by,
    )
    audit_moment(Audit.ADDED, still, by=by, request=request, at=at_ms, principles=still.principles)
    _queue_cut(still)
    return still


def why_not_mark(programme, *, group=False, training=False, allowed=None):
    """Why a moment can't be marked for group supervision or training now, or ""."""
    allowed = allowed_now(programme) if allowed is None else allowed
    if group and not allowed[Scope.GROUP_SUPERVISION]:
        return (
            "The family has not agreed to their clips being shown in group supervision, "
            "so this can't be marked for it"
        )
    if training and not allowed[Scope.TRAINING]:
        return (
            "The family has not agreed to their clips being used in training, "
            "so this can't be marked for it"
        )
    return ""


def _relock(moment):
    model = type(moment)
    locked = (
        model.objects.select_for_update().select_related("programme__referral").get(pk=moment.pk)
    )
    film = _locked_film(moment.film)
    locked.film = film
    if not locked.is_live:
        raise FilmError("This has been removed.")
    return locked


def _change(moment, fields, *, by, request, for_group_supervision, for_training, recut):
    if problem := why_not_mark(
        moment.programme, group=for_group_supervision, training=for_training
    ):
        raise FilmError(problem)
    fields = {
        **fields,
        "for_group_supervision": for_group_supervision,
        "for_training": for_training,
    }
    changed = sorted(name for name, value in fields.items() if getattr(moment, name) != value)
    if not changed:
        return moment
    for name, value in fields.items():
        setattr(moment, name, value)
    moment.updated_at = timezone.now()
    old_file = moment.file.name
    if recut:
        moment.cut_version += 1
        moment.state = MomentState.CUTTING
        moment.failure_reason = ""
        moment.file = ""
        moment.size = moment.ready_at = None
    moment.save()
    audit_moment(Audit.CHANGED, moment, by=by, request=request, changed=changed, recut=recut)
    if recut:
        if old_file:
            from ..storage import path_of

            # The old cut no longer shows what the times say: it goes with the change.
            transaction.on_commit(lambda: path_of(old_file).unlink(missing_ok=True))
        _queue_cut(moment)
    return moment


@transaction.atomic
def change_clip(
    *,
    clip,
    start_ms,
    end_ms,
    title,
    principles,
    note="",
    for_group_supervision=False,
    for_training=False,
    by,
    request=None,
):
    clip = _relock(clip)
    if problem := clip_times_problem(clip.film, start_ms, end_ms):
        raise FilmError(problem)
    recut = (start_ms, end_ms) != (clip.start_ms, clip.end_ms)
    fields = {
        "start_ms": start_ms,
        "end_ms": end_ms,
        "title": title.strip(),
        "note": note.strip(),
        "principles": _principles(principles),
    }
    return _change(
        clip,
        fields,
        by=by,
        request=request,
        for_group_supervision=for_group_supervision,
        for_training=for_training,
        recut=recut,
    )


@transaction.atomic
def change_still(
    *,
    still,
    at_ms,
    caption,
    principles,
    for_group_supervision=False,
    for_training=False,
    by,
    request=None,
):
    still = _relock(still)
    if problem := still_time_problem(still.film, at_ms):
        raise FilmError(problem)
    fields = {"at_ms": at_ms, "caption": caption.strip(), "principles": _principles(principles)}
    return _change(
        still,
        fields,
        by=by,
        request=request,
        for_group_supervision=for_group_supervision,
        for_training=for_training,
        recut=at_ms != still.at_ms,
    )


def film_moments(film):
    """A film's live clips and stills, in the review's order."""
    clips = list(Clip.objects.filter(film=film).live())
    stills = list(Still.objects.filter(film=film).live())
    return sorted(clips + stills, key=lambda m: (m.position, m.created_at, m.kind, m.pk))


@transaction.atomic
def move_moment(*, moment, direction, by, request=None):
    """Swap a clip or still with its neighbour in the review order (up or down)."""
    moment = _relock(moment)
    if direction not in ("up", "down"):
        raise FilmError("Choose whether to move it up or down")
    order = film_moments(moment.film)
    # Number them afresh, so equal or missing positions can't stop a move.
    index = next(i for i, m in enumerate(order) if (m.kind, m.pk) == (moment.kind, moment.pk))
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(order):
        return moment
    order[index], order[other] = order[other], order[index]
    for position, item in enumerate(order, start=1):
        if item.position != position:
            type(item).objects.filter(pk=item.pk).update(position=position)
        if (item.kind, item.pk) == (moment.kind, moment.pk):
            moment.position = position
    moment.programme = moment.film.programme
    audit_moment(
        Audit.MOVED, moment, by=by, request=request, direction=direction, position=moment.position
    )
    return moment


@transaction.atomic
def save_observations(*, film, text, by, request=None):
    film = _locked_film(film)
    text = text.strip()
    if text == film.observations:
        return film
    film.observations = text
    film.observations_updated_at = timezone.now()
    film.save(update_fields=["observations", "observations_updated_at"])
    audit.record(
        Audit.OBSERVATIONS,
        actor=by,
        target=film,
        family_reference=film.programme.reference,
        team_id=film.programme.referral.team_id,
        request=request,
        details={"film": str(film.public_id), "length": len(text)},
    )
    return film


def record_moment_play(*, moment, by, where, request=None):
    audit_moment(Audit.PLAYED, moment, by=by, request=request, where=where)


def unmark_unconsented(programme, *, label="consent withdrawal"):
    """Take a family's clips and stills out of group supervision or training at once
    when that consent is no longer in force. Idempotent; returns how many changed."""
    allowed = allowed_now(programme)
    lapsed = {
        "for_group_supervision": not allowed[Scope.GROUP_SUPERVISION],
        "for_training": not allowed[Scope.TRAINING],
    }
    changed = 0
    with transaction.atomic():
        for model in (Clip, Still):
            for field, gone in lapsed.items():
                if not gone:
                    continue
                marked = model.objects.select_related("film", "programme__referral").filter(
                    programme=programme, **{field: True}
                )
                for moment in marked.select_for_update(of=("self",)):
                    setattr(moment, field, False)
                    moment.save(update_fields=[field])
                    audit_moment(Audit.UNMARKED, moment, label=label, scopes=[field])
                    changed += 1
    return changed
