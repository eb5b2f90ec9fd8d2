"""Seeking in a film: a 1 MB range from the middle of a 500 MB film, through the app,
against whitenoise serving a static file of the same size (same run, same server).

    .venv/bin/python bench/films_range.py [--megabytes 500] [--requests 200]

The film request goes through everything a real one does — session, second
factor, the programme's scope, the consent check, the play token — and the app
streams the range itself (the embedded mode; in production nginx serves it).
Target: the film's median time under 2× whitenoise's.
"""

import argparse
import hashlib
import http.client
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from filmbench import Site  # noqa: E402

TARGET = 2.0
MB = 1024 * 1024

MAKE_FILM = r"""
import hashlib, uuid
import django
django.setup()
from django.utils import timezone
from films.models import Film, FilmState
from films.storage import COPY, POSTER, ensure_folder, path_of
from sessions.models import Visit

visit = Visit.objects.select_related("programme").get(pk={visit_pk})
film = Film(programme=visit.programme, visit=visit, filmed_by_id={guider_pk},
            filmed_at=visit.starts_at, original_name="bench.mp4")
folder = ensure_folder(film)
path = folder / COPY
with open(path, "wb") as f:
    block = bytes(range(256)) * 4096
    for _ in range({megabytes}):
        f.write(block)
(folder / POSTER).write_bytes(b"\xff\xd8\xff")
digest = hashlib.sha256()
with open(path, "rb") as f:
    while chunk := f.read(1 << 20):
        digest.update(chunk)
now = timezone.now()
film.file.name, film.poster.name = f"{{film.folder}}/{{COPY}}", f"{{film.folder}}/{{POSTER}}"
film.size, film.sha256, film.duration_seconds = path.stat().st_size, digest.hexdigest(), 300.0
film.state, film.received_at, film.ready_at = FilmState.READY, now, now
film.save()
print(film.public_id)
"""


def timed_get(site, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    took = time.perf_counter() - started
    connection.close()
    return response.status, body, took


def check(status, body, expected):
    if status != 206 or hashlib.sha256(body).hexdigest() != expected:
        raise SystemExit(f"Wrong answer: HTTP {status}, {len(body)} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    site = Site()
    try:
        family = site.prepare()
        film_id = site.python(
            MAKE_FILM.format(
                visit_pk=family["visit_pk"], guider_pk=family["guider_pk"], megabytes=args.megabytes
            )
        ).strip()
        # The same bytes as a static file, which whitenoise finds when the server starts.
        film_file = next(site.films.glob("*/film.mp4"))
        (site.static / "bench-film.mp4").hardlink_to(film_file)
        site.start()

        page = timed_get(site, site.films_path(f"{film_id}/"), {"Cookie": site.cookie()})[1]
        src = re.search(rb'<source src="([^"]+)"', page).group(1).decode().replace("&amp;", "&")
        size = film_file.stat().st_size
        start = size // 2
        wanted = {"Range": f"bytes={start}-{start + MB - 1}"}
        expected = hashlib.sha256(film_file.read_bytes()[start : start + MB]).hexdigest()

        film_times, static_times = [], []
        for n in range(args.requests + 5):
            status, body, took = timed_get(site, src, {**wanted, "Cookie": site.cookie()})
            check(status, body, expected)
            if n >= 5:  # the first few warm caches and connections
                film_times.append(took)
            status, body, took = timed_get(site, "/static/bench-film.mp4", wanted)
            check(status, body, expected)
            if n >= 5:
                static_times.append(took)
        film_ms = statistics.median(film_times) * 1000
        static_ms = statistics.median(static_times) * 1000
        ratio = film_ms / static_ms
        print(f"1 MB from the middle of a {size / MB:.0f} MB film, {args.requests} requests each:")
        print(f"  whitenoise (static file): median {static_ms:.2f} ms")
        print(f"  film view (checked, app-streamed): median {film_ms:.2f} ms")
        print(
            f"  ratio {ratio:.2f} (target < {TARGET:.1f}) — "
            + ("PASS" if ratio < TARGET else "FAIL")
        )
    finally:
        site.stop()


if __name__ == "__main__":
    main()
