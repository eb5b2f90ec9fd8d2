"""Cutting a 4.5 s clip from a 5-minute 720p film: from saving the marks to the clip
being ready, against the same ffmpeg command run by hand (same run).

    .venv/bin/python bench/clips_cut.py [--seconds 300] [--runs 3]
    .venv/bin/python bench/clips_cut.py --broker redis://127.0.0.1:6379/2

The film is made first (1280×720, 30 fps, H.264 + AAC, a keyframe every 2 s, as
the service's canonical copy is) and stored as a ready film of a fictional family
in a throwaway SQLite database. "Saving the marks" is the micro-analysis form
posted by a signed-in guider (the no-JavaScript path the keyboard shortcuts
fill): the view validates, the action writes and audits, the cut is queued after
commit, ffmpeg cuts, the clip is marked ready. Without ``--broker`` the task runs
in the same process as soon as the request's transaction commits (Celery eager
mode), so the figure is the service's own work; with ``--broker`` a real worker
on the clips queue takes it from Redis, and the time includes the hand-off.
Target: at most 1.3× the hand-run command.
"""

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 1.3
START, LENGTH = 123_400, 4_500  # ms: 4.5 s from 123.4 s, between keyframes
FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"


def make_film(path, seconds):
    subprocess.run(  # noqa: S603 — fixed arguments
        [
            FFMPEG, "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-g", "60", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", str(path),
        ],
        check=True,
    )  # fmt: skip


def seed(source, seconds):
    from django.utils import timezone

    from accounts.models import Role
    from films.models import Film, FilmState
    from films.storage import COPY, ensure_folder
    from sessions.models import VisitKind
    from tests.factories import TeamFactory, UserFactory
    from tests.helpers import attended, give_consent, open_programme, sign_in_fully

    team = TeamFactory(name="Bench Team")
    lead = UserFactory(team=team, role=Role.TEAM_LEAD, email="lead@bench.invalid")
    guider = UserFactory(team=team, email="guider@bench.invalid")
    programme = open_programme(team.service, team_lead=lead, practitioner=guider)
    give_consent(programme, guider)
    visit = attended(programme, guider, kind=VisitKind.FILMING)
    film = Film(programme=programme, visit=visit, filmed_by=guider, filmed_at=timezone.now())
    shutil.copy(source, ensure_folder(film) / COPY)
    film.file.name = f"{film.folder}/{COPY}"
    film.state = FilmState.READY
    film.size = source.stat().st_size
    film.sha256 = hashlib.sha256(source.read_bytes()).hexdigest()
    film.duration_seconds, film.frame_rate = float(seconds), 30.0
    film.width, film.height = 1280, 720
    film.ready_at = timezone.now()
    film.save()  # bench set-up: the film stands in for one already checked
    from django.test import Client

    return film, sign_in_fully(Client(), guider)


def marks(seconds):
    """4.5 s from 123.4 s, or from the middle of a shorter film (a quick try)."""
    start = min(START, seconds * 1000 // 2)
    return start, start + LENGTH


def by_hand(film, target):
    from films.actions.cutting import clip_command
    from films.storage import path_of

    start, end = marks(film.duration_seconds)
    command = clip_command(path_of(film.file.name), target, start_ms=start, end_ms=end)
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603
    return time.monotonic() - started


def through_the_service(film, client, n):
    from django.urls import reverse

    from films.models import Clip, MomentState

    url = reverse(
        "films:analysis", args=[film.programme.reference, film.visit.public_id, film.public_id]
    )
    from films.timecode import format_time

    start, end = marks(film.duration_seconds)
    data = {
        "form": "clip",
        "clip-start": format_time(start, places=3),
        "clip-end": format_time(end, places=3),
        "clip-title": f"Bench clip {n}",
        "clip-principles": ["attentive"],
    }
    started = time.monotonic()
    response = client.post(url, data)
    if response.status_code != 302:
        raise SystemExit(f"The form was refused: {response.status_code}")
    clip = Clip.objects.filter(film=film).order_by("-pk").first()
    while clip.state == MomentState.CUTTING:
        time.sleep(0.01)
        clip.refresh_from_db(fields=["state"])
    elapsed = time.monotonic() - started
    if clip.state != MomentState.READY:
        raise SystemExit(f"The clip was not cut: {clip.state}")
    return elapsed


def start_worker(folder, broker):
    env = {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "false", "CELERY_BROKER_URL": broker}
    worker = subprocess.Popen(  # noqa: S603 — fixed arguments
        [
            str(Path(sys.executable).with_name("celery")), "-A", "vig_service", "worker",
            "-Q", "clips", "--pool=solo", "--concurrency=1", "--loglevel=WARNING",
            "--without-heartbeat", "--without-gossip", "--without-mingle",
        ],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(folder / "worker.log", "w"),  # noqa: SIM115
    )  # fmt: skip
    time.sleep(6)  # the worker connects and starts consuming
    return worker


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--broker", default="", help="Redis URL: use a real worker")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vig-bench-clips-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "vig_service.settings",
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "VAR_DIR": str(folder / "var"),
            "DEBUG": "true",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "ALLOWED_HOSTS": "testserver,localhost",
            "CELERY_TASK_ALWAYS_EAGER": "false" if args.broker else "true",
        }
    )
    if args.broker:
        os.environ["CELERY_BROKER_URL"] = args.broker
    import django

    django.setup()
    from django.core.management import call_command

    worker = None
    try:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        source = folder / "film.mp4"
        print(f"Making a {args.seconds} s 720p film…", flush=True)
        make_film(source, args.seconds)
        print(f"  {source.stat().st_size / 2**20:.0f} MB", flush=True)
        film, client = seed(source, args.seconds)
        if args.broker:
            worker = start_worker(folder, args.broker)
        hands, services = [], []
        for n in range(args.runs):
            hands.append(by_hand(film, folder / f"by-hand-{n}.mp4"))
            services.append(through_the_service(film, client, n))
            print(f"  run {n + 1}: by hand {hands[-1]:.2f} s, service {services[-1]:.2f} s")
        hand, service = statistics.median(hands), statistics.median(services)
        mode = "a real worker via " + args.broker if args.broker else "the task run on commit"
        print(f"By hand (median of {args.runs}): {hand:.2f} s")
        print(f"Saving the marks → clip ready, {mode} (median): {service:.2f} s")
        ratio = service / hand
        print(f"Ratio {ratio:.2f} (target ≤ {TARGET}) — " + ("PASS" if ratio <= TARGET else "FAIL"))
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
