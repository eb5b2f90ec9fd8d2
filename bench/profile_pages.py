"""Profile one staff page in-process on the bench data set (``bench/pages.py`` built it).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vig_i13_bench \\
        .venv/bin/python bench/profile_pages.py caseload [--profile] [-n 50]

Prints CPU milliseconds per request (median of ``-n``) and the number of queries;
``--profile`` adds the cProfile top functions by cumulative and own time.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.pages import PAGES  # noqa: E402


def client_for(email):
    from django.contrib.auth import get_user_model
    from django_otp import devices_for_user

    user = get_user_model().objects.get(email=email)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = next(devices_for_user(user)).persistent_id
    session.save()
    return client


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("page", help="a page name from bench/pages.py, 'bare', or a path")
    parser.add_argument("--persona", default="guider", help="who asks for a path")
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    data = json.loads(
        (ROOT / f"var/bench-pages-{settings.DATABASES['default']['NAME']}.json").read_text()
    )
    if args.page == "bare":
        persona, path = "guider", "/bench/bare/"
    elif args.page.startswith("/"):
        persona, path = args.persona, args.page
    else:
        persona, path = next((p, u) for n, p, u in PAGES if n == args.page)
    path = path.format(case=data["case"])
    client = client_for(data["personas"][persona])
    for _ in range(3):
        if client.get(path).status_code != 200:
            raise SystemExit(f"{path} did not answer 200")
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        client.get(path)
    times = []
    profiler = cProfile.Profile() if args.profile else None
    for _ in range(args.n):
        start = time.process_time()
        if profiler:
            profiler.enable()
        client.get(path)
        if profiler:
            profiler.disable()
        times.append((time.process_time() - start) * 1000)
    print(
        f"{args.page}: {statistics.median(times):.1f} ms CPU (median of {args.n}),",
        f"{len(queries)} queries",
    )
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
