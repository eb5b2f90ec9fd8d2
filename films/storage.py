"""The private storage that holds films, and the layout of files inside it.

``STORAGES["films"]`` points at a folder under ``PRIVATE_MEDIA_ROOT``. Nothing in
it has a public URL: films are read only through ``films.views``, which check
who asks and the family's consent, then stream the bytes (or hand them to nginx
with ``X-Accel-Redirect``). Each film has a folder named by its public id:

    <film id>/original     the upload, until the canonical copy is verified
    <film id>/film.mp4     the canonical copy
    <film id>/poster.jpg   the poster frame
    uploads/               multipart request bodies while they stream in

ffmpeg reads and writes files by path, so the storage is a local filesystem;
object storage would need the worker to fetch a copy first.
"""

import shutil
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages

UPLOADS = "uploads"
ORIGINAL = "original"
COPY = "film.mp4"
POSTER = "poster.jpg"


class PrivateFilmStorage(FileSystemStorage):
    def url(self, name):
        raise NotImplementedError("Films have no public URL; films.views streams them.")


def film_storage():
    return storages["films"]


def path_of(name):
    """The absolute path of a file in the films storage."""
    return Path(film_storage().path(name))


def folder_path(film):
    return path_of(film.folder)


def ensure_folder(film):
    folder = folder_path(film)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o750)
    return folder


def uploads_path():
    folder = path_of(UPLOADS)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_folder(folder_name):
    """Delete a film's folder and everything in it; nothing there is fine too."""
    if not folder_name or folder_name in (UPLOADS, ".", ".."):
        raise ValueError(f"Refusing to remove {folder_name!r} from the films storage.")
    try:
        shutil.rmtree(path_of(folder_name))
    except FileNotFoundError:
        pass


def private_file(path):
    """Make a file written by ffmpeg (with the process umask) as private as the rest."""
    Path(path).chmod(0o640)


MOMENTS = "moments"


def moment_file_name(moment):
    """``<film id>/moments/<clip or still id>-<cut>.mp4|.jpg``: a new name for each cut,
    so a player never gets the bytes of an older cut from a cache."""
    extension = "mp4" if moment.kind == "clip" else "jpg"
    return f"{moment.film.folder}/{MOMENTS}/{moment.public_id}-{moment.cut_version}.{extension}"


def ensure_moments_folder(film):
    folder = ensure_folder(film) / MOMENTS
    folder.mkdir(exist_ok=True)
    folder.chmod(0o750)
    return folder
