"""Every write to a film: checked, done and audited in one transaction.

- ``uploads``: starting, receiving, finishing and discarding uploads; a plain
  form's file; a play of a film.
- ``checking``: the Celery task's work — probe, decode, transcode, poster.
- ``destruction``: destroying films with proof (withdrawal, retention, removal)
  and the sweep that finds what to destroy.
"""

from .common import AuditAction, FilmError, film_may_be_kept, why_not_add
from .destruction import destroy_film, destroy_unconsented, remove_film
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
