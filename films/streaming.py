"""Serving a private file with HTTP Range, so a film seeks in Safari and Chrome.

Django's ``FileResponse`` sends the whole file with 200, which Safari won't play
and Chrome can't seek. ``file_response`` answers one byte range with 206 and
``Content-Range``, a range past the end with 416, a suffix range (``bytes=-500``)
with the file's last bytes, and honours ``If-Range``. Several ranges in one
request are answered with the whole file, as RFC 9110 allows.

Behind nginx (``FILM_X_ACCEL_REDIRECT``) the view answers with an empty response
naming the file in ``X-Accel-Redirect``; nginx serves the bytes, ranges and all,
from an ``internal`` location (deploy/nginx/vig.conf).
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import http_date, parse_http_date_safe

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CACHE_CONTROL = "private, no-store"


class Unsatisfiable(Exception):
    pass


@dataclass
class ByteRange:
    start: int
    end: int  # inclusive

    @property
    def length(self):
        return self.end - self.start + 1


def parse_range(header, size):
    """The one byte range asked for, or None to send the whole file.

    Raises ``Unsatisfiable`` for a range that starts past the end (416).
    A header that isn't a single, well-formed byte range is ignored.
    """
    if not header:
        return None
    match = RANGE.match(header.strip().replace(" ", ""))
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return ByteRange(max(0, size - suffix), size - 1)
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        raise Unsatisfiable
    return ByteRange(start, min(end, size - 1))


def if_range_matches(header, *, etag, last_modified):
    """``If-Range``: the range applies only if the file is still the one asked about."""
    if not header:
        return True
    header = header.strip()
    if header.startswith(('"', "W/")):
        return header == etag  # strong comparison; a weak tag never matches
    asked = parse_http_date_safe(header)
    return asked is not None and asked == int(last_modified)


class _Slice:
    """A read-only window onto an open file, for FileResponse to stream.

    It offers ``fileno`` so a WSGI server's ``sendfile`` can send the window
    (from the file's current position, limited by Content-Length), and no
    ``seek``/``tell``, so FileResponse doesn't measure it as the whole file.
    """

    def __init__(self, file, start, length):
        self._file = file
        self._left = length
        file.seek(start)

    def read(self, size=-1):
        if self._left <= 0:
            return b""
        size = self._left if size is None or size < 0 else min(size, self._left)
        data = self._file.read(size)
        self._left -= len(data)
        return data

    def fileno(self):
        return self._file.fileno()

    def close(self):
        self._file.close()


def _headers(response, *, content_type, etag, last_modified):
    response["Content-Type"] = content_type
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = CACHE_CONTROL
    response["Content-Disposition"] = "inline"
    if etag:
        response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response


def file_response(request, path, *, content_type, etag, last_modified, accel_name=None):
    """Answer GET or HEAD for ``path``, with Range, or hand it to nginx."""
    prefix = settings.FILM_X_ACCEL_REDIRECT
    if prefix and accel_name:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(accel_name)
        response["Cache-Control"] = CACHE_CONTROL
        response["Content-Disposition"] = "inline"
        return response

    file = open(path, "rb")  # noqa: SIM115 — FileResponse closes it
    size = path.stat().st_size
    try:
        wanted = None
        if if_range_matches(
            request.headers.get("If-Range"), etag=etag, last_modified=last_modified
        ):
            wanted = parse_range(request.headers.get("Range"), size)
    except Unsatisfiable:
        file.close()
        response = _headers(
            HttpResponse(status=416),
            content_type=content_type,
            etag=etag,
            last_modified=last_modified,
        )
        response["Content-Range"] = f"bytes */{size}"
        return response
    if request.method == "HEAD":
        file.close()
        response = HttpResponse()
        response["Content-Length"] = str(wanted.length if wanted else size)
    elif wanted is None:
        response = FileResponse(file)
    else:
        response = FileResponse(_Slice(file, wanted.start, wanted.length))
        response.status_code = 206
        response["Content-Length"] = str(wanted.length)
    if wanted is not None:
        response.status_code = 206
        response["Content-Range"] = f"bytes {wanted.start}-{wanted.end}/{size}"
    return _headers(response, content_type=content_type, etag=etag, last_modified=last_modified)
