"""A ready film for the demo, made with ffmpeg at seed time (a few seconds long).

``seed_demo`` calls ``add_ready_film(visit=…, by=…)`` for a filming visit that took
place with filming and keeping-the-film consent in force. Without ffmpeg it says
so and adds nothing; with it, the film goes through the same upload and checking
actions as a real one.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .actions import checking, receive_file
from .models import LIVE_STATES, Film
from .storage import uploads_path


class _DemoFile:
    """Looks like the upload a plain form would have streamed to disk."""

    def __init__(self, path, name):
        self._path = str(path)
        self.name = name
        self.size = Path(path).stat().st_size

    def temporary_file_path(self):
        return self._path


def ffmpeg_missing():
    return not (shutil.which(settings.FFMPEG_BINARY) and shutil.which(settings.FFPROBE_BINARY))


def make_demo_video(path, seconds=4):
    """A test card with a tone, like a short phone film, written to ``path`` (MP4)."""
    subprocess.run(  # noqa: S603 — fixed arguments
        [
            settings.FFMPEG_BINARY,
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size=640x360:rate=25:duration={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            "-movflags",
            "+faststart",
            "-y",
            str(path),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )


def add_ready_film(*, visit, by, seconds=4, write=print):
    """One ready film at ``visit``; returns it, or None when ffmpeg is missing."""
    existing = Film.objects.filter(visit=visit, state__in=LIVE_STATES).first()
    if existing is not None:
        return existing
    if ffmpeg_missing():
        write("Skipped the demo film: ffmpeg is not installed (apt-get install ffmpeg).")
        return None
    handle, name = tempfile.mkstemp(prefix="demo-", suffix=".mp4", dir=uploads_path())
    os.close(handle)
    path = Path(name)
    try:
        make_demo_video(path, seconds)
        with transaction.atomic():
            film = receive_file(
                visit=visit,
                by=by,
                uploaded_file=_DemoFile(path, "Demo film.mp4"),
                key=None,
            )
    finally:
        path.unlink(missing_ok=True)
    # Checked here, so the demo starts with a film to watch; a queued copy of
    # the same check finds nothing left to do.
    checking.check_film(film.pk)
    film.refresh_from_db()
    write(f"Added a ready demo film ({film.duration_seconds:.0f} seconds) to {visit}.")
    return film


# Moments of the demo film: two clips and a still, as a guider would mark them.
DEMO_MOMENTS = (
    ("clip", {"start_ms": 500, "end_ms": 2_000, "title": "She waits for him to look up",
              "principles": ["attentive", "encouraging"],
              "note": "Mum leans in and waits; he looks up and babbles."}),
    ("clip", {"start_ms": 2_000, "end_ms": 3_500, "title": "Taking turns",
              "principles": ["receiving", "attuned"], "note": "She repeats his sound; he smiles."}),
    ("still", {"at_ms": 1_800, "caption": "Eyes meet", "principles": ["receiving"]}),
)  # fmt: skip


def add_demo_moments(*, film, by, write=print):
    """Clips and a still of the demo film, cut here (a queued copy finds them ready)."""
    from .actions import add_clip, add_still, cutting
    from .models import Clip, FilmState

    if film is None or film.state != FilmState.READY or Clip.objects.filter(film=film).exists():
        return []
    with transaction.atomic():
        moments = [
            add_clip(film=film, by=by, **values)
            if kind == "clip"
            else add_still(film=film, by=by, **values)
            for kind, values in DEMO_MOMENTS
        ]
    for moment in moments:
        cutting.cut(moment.kind, moment.pk, moment.cut_version)
    write(f"Marked {len(moments)} demo clips and stills in {film}.")
    return moments
