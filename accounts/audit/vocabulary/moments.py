"""Micro-analysis: clips and stills, the shared review's showing, supervision."""

from ..registry import register


def _moment(details, names):
    kind = details.get("kind") or "moment"
    what = details.get("title") or ""
    return f"{kind}: {what}" if what else kind


def _destroyed(details, names):
    from films.models import Why

    why = details.get("why")
    return f"{details.get('kind', 'moment')}, {Why(why).label}" if why else ""


ADDED = register(
    "moment.added",
    "Clip or still marked",
    holds="kind: clip or still; moment: its id; film: the film's id; title; start and end "
    "(or at) in ms; principles.",
    describe=_moment,
)
CHANGED = register(
    "moment.changed",
    "Clip or still changed",
    holds="kind; moment; film; changed: the fields changed; recut: true when the times "
    "changed and it is cut again.",
    describe=_moment,
)
MOVED = register(
    "moment.moved",
    "Clip or still moved in the review order",
    holds="kind; moment; film; direction: up or down; position: the new place.",
    describe=_moment,
)
CUT = register(
    "moment.cut",
    "Clip or still cut and ready",
    holds="kind; moment; film; size in bytes; version: the cut's number.",
    describe=_moment,
)
CUT_FAILED = register(
    "moment.cut_failed",
    "Clip or still could not be cut",
    holds="kind; moment; film; detail: ffmpeg's last words.",
    describe=_moment,
)
PLAYED = register(
    "moment.played",
    "Clip or still watched",
    holds="kind; moment; film; where: micro-analysis, shared review or supervision.",
    describe=_moment,
)
DESTROYED = register(
    "moment.destroyed",
    "Clip or still destroyed",
    holds="kind; moment; film; why: consent withdrawn, retention ended or removed; size.",
    describe=_destroyed,
)
UNMARKED = register(
    "moment.unmarked",
    "Clip taken out of group supervision or training",
    holds="kind; moment; film; scopes: the uses whose consent is no longer in force.",
    describe=_moment,
)
OBSERVATIONS = register(
    "film.observations_saved",
    "Observational notes on a film saved",
    holds="film: the film's id; length: characters in the notes.",
)
FEEDBACK = register(
    "moment.feedback_written",
    "Supervision feedback written on a clip",
    holds="kind: clip; moment; film; length: characters in the feedback.",
    describe=_moment,
)
SESSION = register(
    "supervision.session_recorded",
    "Supervision session recorded",
    holds="session: its id; supervisee: their id; minutes; clips: how many were discussed.",
)
REVIEW_SHOWN = register(
    "review.moments_recorded",
    "Clips and stills shown at a shared review recorded",
    holds="visit: the shared review visit's id; shown: how many; noticed: how many have "
    "what the parent noticed.",
)
