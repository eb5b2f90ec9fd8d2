"""Checking + transcoding a 5-minute 1080p phone film, against the single ffmpeg
command a person would run by hand to make the same copy (same run).

    .venv/bin/python bench/films_transcode.py [--seconds 300]

The film is made first (1080p, 30 fps, H.264 + AAC, as a phone writes it). The
service's check is everything ``films.actions.checking.examine`` does: probe,
full decode pass, transcode, verify the copy, poster, SHA-256. Target: under
1.5× the hand-run transcode.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 1.5
FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"


def make_phone_film(path, seconds):
    subprocess.run(  # noqa: S603 — fixed arguments
        [
            FFMPEG, "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-g", "60", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart",
            "-metadata", "location=+51.5074-000.1278/", str(path),
        ],
        check=True,
    )  # fmt: skip


def by_hand(source, target):
    """The canonical copy as a person would make it with one command."""
    subprocess.run(  # noqa: S603 — fixed arguments
        [
            FFMPEG, "-v", "error", "-y", "-i", str(source),
            "-map", "0:v:0", "-map", "0:a:0?", "-c:v", "libx264", "-preset", "veryfast",
            "-crf", "23", "-pix_fmt", "yuv420p", "-fps_mode", "cfr", "-c:a", "aac", "-b:a", "128k",
            "-map_metadata", "-1", "-map_chapters", "-1", "-movflags", "+faststart", str(target),
        ],
        check=True,
    )  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vig-bench-transcode-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "vig_service.settings",
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "VAR_DIR": str(folder / "var"),
            "FILM_MAX_SECONDS": str(args.seconds + 60),
        }
    )
    import django

    django.setup()
    from films.actions.checking import examine
    from films.models import Film
    from films.storage import ORIGINAL, ensure_folder

    try:
        source = folder / "phone.mp4"
        print(f"Making a {args.seconds} s 1080p phone film…", flush=True)
        make_phone_film(source, args.seconds)
        print(f"  {source.stat().st_size / 2**20:.0f} MB")

        started = time.monotonic()
        by_hand(source, folder / "by-hand.mp4")
        hand = time.monotonic() - started
        print(f"One ffmpeg command by hand: {hand:.1f} s", flush=True)

        film = Film(public_id=uuid.uuid4(), original_name="phone.mp4")
        film.original.name = f"{film.folder}/{ORIGINAL}"
        shutil.copy(source, ensure_folder(film) / ORIGINAL)
        started = time.monotonic()
        checked = examine(film)
        service = time.monotonic() - started
        print(
            f"The service's check (probe, decode, transcode, verify, poster, SHA-256): "
            f"{service:.1f} s — copy {checked.copy.width}×{checked.copy.height}, "
            f"{checked.copy.duration:.1f} s, {checked.size / 2**20:.0f} MB"
        )
        ratio = service / hand
        print(f"Ratio {ratio:.2f} (target < {TARGET}) — " + ("PASS" if ratio < TARGET else "FAIL"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
