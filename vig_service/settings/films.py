"""Films, clips and stills: storage, limits, retention and their queues.

Part of the settings package: its names are imported into ``vig_service.settings``
at the end of ``__init__.py``, after the shared settings they extend.
"""

from datetime import timedelta

from . import CELERY_BEAT_SCHEDULE, INSTALLED_APPS, PRIVATE_MEDIA_ROOT, STORAGES, env

# --- Films --------------------------------------------------------------------------
# Everything the films app reads, in one place. Films are special category data:
# they live under PRIVATE_MEDIA_ROOT/films, never under a public URL, and are
# streamed only by films.views after checking who asks and the family's consent.
INSTALLED_APPS += ["films"]
STORAGES["films"] = {
    "BACKEND": "films.storage.PrivateFilmStorage",
    "OPTIONS": {
        "location": str(PRIVATE_MEDIA_ROOT / "films"),
        # Group-readable so nginx (in the app's group) can serve X-Accel-Redirects.
        "file_permissions_mode": 0o640,
        "directory_permissions_mode": 0o750,
    },
}
# The biggest film accepted, in bytes (default 2 GB), enforced while the body
# streams (films.uploads.CappedFileUploadHandler) and at each upload chunk.
FILM_MAX_UPLOAD_BYTES = env.int("FILM_MAX_UPLOAD_BYTES", default=2 * 1024**3)
# The longest film accepted, in seconds (default 20 minutes).
FILM_MAX_SECONDS = env.int("FILM_MAX_SECONDS", default=20 * 60)
# Films are destroyed this many days after the programme ends ("about 2 months").
FILM_RETENTION_DAYS = env.int("FILM_RETENTION_DAYS", default=60)
# Production behind nginx: the internal location that serves PRIVATE_MEDIA_ROOT/films
# (deploy/nginx/vig.conf), e.g. /_films/. Empty: the app streams the bytes itself.
FILM_X_ACCEL_REDIRECT = env.str("FILM_X_ACCEL_REDIRECT", default="")
# Unfinished uploads untouched for this many hours are deleted by the sweep.
FILM_UPLOAD_ABANDON_HOURS = env.int("FILM_UPLOAD_ABANDON_HOURS", default=24)
# Checking and transcoding are long and CPU-bound: production may give them their
# own queue (and worker: celery -A vig_service worker -Q films).
FILM_CHECK_QUEUE = env.str("FILM_CHECK_QUEUE", default="celery")
FFMPEG_BINARY = env.str("FFMPEG_BINARY", default="ffmpeg")
FFPROBE_BINARY = env.str("FFPROBE_BINARY", default="ffprobe")
# Request bodies with files stream to disk under the private folder, capped.
FILE_UPLOAD_HANDLERS = ["films.uploads.CappedFileUploadHandler"]
CELERY_TASK_ROUTES = {"films.tasks.check_film": {"queue": FILM_CHECK_QUEUE}}
CELERY_BEAT_SCHEDULE["films-sweep"] = {
    "task": "films.tasks.sweep_films",
    "schedule": timedelta(minutes=15),
}
# Micro-analysis: a clip is at least CLIP_MIN_SECONDS and at most CLIP_MAX_SECONDS
# long; clips and stills are cut on their own queue (celery -A vig_service worker -Q clips),
# so a long film being checked never holds up the clips a practitioner is waiting for.
CLIP_MIN_SECONDS = env.float("CLIP_MIN_SECONDS", default=1.0)
CLIP_MAX_SECONDS = env.float("CLIP_MAX_SECONDS", default=60.0)
CLIP_CUT_QUEUE = env.str("CLIP_CUT_QUEUE", default="clips")
CELERY_TASK_ROUTES["films.tasks.cut_moment"] = {"queue": CLIP_CUT_QUEUE}
