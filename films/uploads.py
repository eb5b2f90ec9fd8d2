"""Request bodies to disk, never to memory, and never past the size cap.

Two ways in:

- A plain ``<input type=file>`` form (JavaScript off) posts multipart data.
  ``CappedFileUploadHandler`` (``FILE_UPLOAD_HANDLERS``) streams each file part to
  a temporary file in the private films storage and stops the request the moment
  it passes ``FILM_MAX_UPLOAD_BYTES``, removing the partial file.
- A chunk of a resumable upload is a raw body (``PATCH``). ``append_body`` copies
  it from the request stream to the upload's file in small blocks; it never reads
  ``request.body`` (which would hold the chunk in memory).
"""

import tempfile

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler

from .storage import uploads_path

BLOCK = 64 * 1024
# Set on the request when the cap stopped a multipart upload, so the view can say so.
TOO_LARGE_FLAG = "film_upload_too_large"


class PrivateTemporaryUploadedFile(TemporaryUploadedFile):
    """A temporary upload inside the films storage (same disk: moving it is a rename)."""

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        file = tempfile.NamedTemporaryFile(  # noqa: SIM115 — closed with the request
            prefix="upload-", suffix=".part", dir=uploads_path()
        )
        UploadedFile.__init__(self, file, name, content_type, size, charset, content_type_extra)


class CappedFileUploadHandler(TemporaryFileUploadHandler):
    """Every file part goes to disk; past the cap, the request is stopped."""

    def new_file(self, *args, **kwargs):
        super(TemporaryFileUploadHandler, self).new_file(*args, **kwargs)
        self.file = PrivateTemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.FILM_MAX_UPLOAD_BYTES:
            if self.request is not None:
                setattr(self.request, TOO_LARGE_FLAG, True)
            # The parser closes self.file, which deletes the partial file, and
            # reads no more of the body.
            raise StopUpload(connection_reset=True)
        self.file.write(raw_data)


class BodyError(Exception):
    """The chunk's body was not what its headers promised."""


def append_body(request, path, *, offset, length):
    """Write ``length`` bytes of the request body to ``path`` at ``offset``.

    Returns how many bytes arrived: fewer than ``length`` when the connection
    dropped mid-chunk (the upload resumes from there).
    """
    written = 0
    with open(path, "r+b" if offset else "wb") as target:
        target.seek(offset)
        while written < length:
            try:
                block = request.read(min(BLOCK, length - written))
            except OSError:  # the client went away
                break
            if not block:
                break
            target.write(block)
            written += len(block)
        # Bytes of an earlier, broken attempt beyond this point are not the film.
        target.truncate(offset + written)
    return written
