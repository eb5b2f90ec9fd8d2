"""Uploading a 2 GB film through the app: the web process's peak memory stays small.

    .venv/bin/python bench/films_upload.py [--gigabytes 2]

One gunicorn sync worker takes the film twice: as the plain form posts it
(multipart, JavaScript off) and as the page sends it (4 MB chunks). The target:
the worker's peak resident memory (VmHWM) under 150 MB. Needs ~2× the film's
size of free disk in /tmp.
"""

import argparse
import http.client
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from filmbench import Site  # noqa: E402

TARGET_MB = 150
BLOCK = 1024 * 1024
CHUNK = 4 * 1024 * 1024


def make_film(size):
    """A file of ``size`` bytes (zeros: only the bytes' count matters to memory)."""
    handle, name = tempfile.mkstemp(prefix="bench-film-", suffix=".mp4")
    os.close(handle)
    with open(name, "wb") as f:
        f.truncate(size)
    return Path(name)


def post_multipart(site, path, csrf):
    cookie, token = csrf
    boundary = uuid.uuid4().hex
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{token}\r\n"
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="key"\r\n\r\n'
        f"{uuid.uuid4()}\r\n"
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="film"; filename="big.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = path.stat().st_size
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=600)
    connection.putrequest("POST", site.films_path("add/"))
    connection.putheader("Cookie", site.cookie(cookie))
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(head) + size + len(tail)))
    connection.endheaders()
    connection.send(head)
    with open(path, "rb") as f:
        while block := f.read(BLOCK):
            connection.send(block)
    connection.send(tail)
    response = connection.getresponse()
    response.read()
    return response.status


def upload_in_chunks(site, path, csrf):
    import json
    from urllib.parse import urlencode

    cookie, token = csrf
    size = path.stat().st_size
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=600)
    headers = {"Cookie": site.cookie(cookie), "X-CSRFToken": token}
    body = urlencode({"key": uuid.uuid4(), "name": "big.mp4", "size": size, "type": "video/mp4"})
    connection.request(
        "POST",
        site.films_path("uploads/"),
        body,
        {**headers, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = connection.getresponse()
    upload = json.loads(response.read())
    offset = 0
    with open(path, "rb") as f:
        while offset < size:
            data = f.read(CHUNK)
            connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=600)
            connection.request(
                "PATCH",
                upload["upload"],
                data,
                {
                    **headers,
                    "Upload-Offset": str(offset),
                    "Content-Type": "application/offset+octet-stream",
                },
            )
            response = connection.getresponse()
            answer = json.loads(response.read())
            if response.status != 200:
                raise RuntimeError(f"chunk at {offset}: {response.status} {answer}")
            offset = answer["offset"]
    return answer["state"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=2.0)
    args = parser.parse_args()
    size = int(args.gigabytes * 10**9)
    site = Site(FILM_MAX_UPLOAD_BYTES=size + 10**6)
    film = make_film(size)
    try:
        site.prepare()
        site.start()
        csrf = site.csrf()
        before = site.rss_mb()
        print(f"Film: {size / 10**9:.2f} GB. Worker resident memory before: {before:.0f} MB")

        started = time.monotonic()
        status = post_multipart(site, film, csrf)
        took = time.monotonic() - started
        peak_form = site.peak_rss_mb()
        print(
            f"Plain form (multipart): HTTP {status} in {took:.1f} s "
            f"({size / took / 10**6:.0f} MB/s); worker peak {peak_form:.0f} MB"
        )
        started = time.monotonic()
        state = upload_in_chunks(site, film, csrf)
        took = time.monotonic() - started
        peak = site.peak_rss_mb()
        print(
            f"Resumable (4 MB chunks): film {state} in {took:.1f} s "
            f"({size / took / 10**6:.0f} MB/s); worker peak {peak:.0f} MB"
        )
        print(
            f"Peak resident memory of the web process: {peak:.0f} MB "
            f"(target < {TARGET_MB} MB; ratio {peak / TARGET_MB:.2f} of the target) — "
            + ("PASS" if peak < TARGET_MB else "FAIL")
        )
    finally:
        film.unlink(missing_ok=True)
        site.stop()


if __name__ == "__main__":
    main()
