"""Films: uploads and recordings, checking, plays and destruction."""

from ..registry import register
from ..wording import joined, label_of


def _megabytes(value):
    try:
        return f"{int(value) / 1_000_000:.1f} MB"
    except (TypeError, ValueError):
        return ""


def _source(details, names):
    from films.models import Source

    source = details.get("source")
    return label_of(Source, source).lower() if isinstance(source, str) and source else ""


def _ready(details, names):
    seconds = details.get("duration")
    length = f"{round(float(seconds))} seconds long" if seconds else ""
    return joined(length, _megabytes(details.get("size")))


def _destroyed(details, names):
    from films.models import Why

    why = label_of(Why, details.get("why")) if details.get("why") else ""
    return joined(why, details.get("reason") or "", sep=": ")


UPLOAD_STARTED = register(
    "film.upload_started",
    "Film upload started",
    holds="film: the film's id; source: uploaded or recorded; name: the file's name; "
    "length: the size announced, in bytes.",
    describe=_source,
)
UPLOADED = register(
    "film.uploaded",
    "Film received",
    holds="film: the film's id; size: the bytes received.",
    describe=lambda d, names: _megabytes(d.get("size")),
)
READY = register(
    "film.ready",
    "Film checked and ready",
    holds="film: the film's id; size and sha256 of the kept copy; duration in seconds; "
    "source: the original's container and codecs.",
    describe=_ready,
)
REJECTED = register(
    "film.rejected",
    "Film not accepted",
    holds="film: the film's id; problem: why (not a video, damaged, too long…); detail: "
    "the checker's last words.",
    describe=lambda d, names: str(d.get("problem") or "").replace("_", " "),
)
UPLOAD_DISCARDED = register(
    "film.upload_discarded",
    "Film upload discarded",
    holds="film: the film's id; received: the bytes received before it was discarded.",
)
PLAYED = register(
    "film.played",
    "Film played",
    holds="film: the film's id; preview: true for a recording's preview before it was kept.",
    describe=lambda d, names: "preview of a recording" if d.get("preview") else "",
)
DESTROYED = register(
    "film.destroyed",
    "Film destroyed",
    holds="film: the film's id; why: consent withdrawn, retention ended or removed; reason; "
    "size and sha256 of what was destroyed.",
    describe=_destroyed,
)
