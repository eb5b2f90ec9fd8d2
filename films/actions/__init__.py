"""Every write to a film: checked, done and audited in one transaction.

- ``uploads``: starting, receiving, finishing and discarding uploads; a plain
  form's file; a play of a film.
- ``checking``: the Celery task's work — probe, decode, transcode, poster.
- ``moments``: marking clips and stills, their order, observations, marks;
- ``cutting``: the Celery task's work — ffmpeg cuts each clip and still;
- ``destruction``: destroying films with proof (withdrawal, retention, removal)
  and the sweep that finds what to destroy.
"""

from .common import AuditAction, FilmError, film_may_be_kept, why_not_add
from .destruction import (
    destroy_film,
    destroy_moment,
    destroy_unconsented,
    remove_film,
    remove_moment,
)
from .moments import (
    add_clip,
    add_still,
    change_clip,
    change_still,
    clip_times_problem,
    move_moment,
    record_moment_play,
    save_observations,
    still_time_problem,
    unmark_unconsented,
    why_not_analyse,
    why_not_mark,
)
from .uploads import (
    Busy,
    WrongOffset,
    discard_upload,
    finish_upload,
    receive_chunk,
    receive_file,
    record_play,
    start_upload,
)

__all__ = [
    "AuditAction",
    "add_clip",
    "add_still",
    "change_clip",
    "change_still",
    "clip_times_problem",
    "destroy_moment",
    "move_moment",
    "record_moment_play",
    "remove_moment",
    "save_observations",
    "still_time_problem",
    "unmark_unconsented",
    "why_not_analyse",
    "why_not_mark",
    "Busy",
    "FilmError",
    "WrongOffset",
    "destroy_film",
    "destroy_unconsented",
    "discard_upload",
    "film_may_be_kept",
    "finish_upload",
    "receive_chunk",
    "receive_file",
    "record_play",
    "remove_film",
    "start_upload",
    "why_not_add",
]
