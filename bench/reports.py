"""Reports at scale: the team lead's landing page and report pages against one full
read of the visits table, on the data ``generate_load`` made.

    DATABASE_URL=postgres://…/vig_i11_load DEBUG=1 \
        .venv/bin/python bench/reports.py [--runs 5]

Every request goes through the whole stack (Django's test client: sessions,
second factor, scope, templates). Server time is the median of the runs after
one warm-up. Targets (issue 11): landing page over all history ≤ 3× the full
read ``SELECT count(*), sum(duration_minutes)`` of visits in the same run;
one team-quarter ≤ 50 ms.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vig_service.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import Role, Service, User  # noqa: E402
from reports.pages import REPORTS  # noqa: E402
from sessions.models import Visit  # noqa: E402
from tests.helpers import sign_in_fully  # noqa: E402

FULL_READ = "SELECT count(*), sum(duration_minutes) FROM vig_sessions_visit"


def timed(action, runs):
    action()  # warm-up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def full_read():
    with connection.cursor() as cursor:
        cursor.execute(FULL_READ)
        cursor.fetchone()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    service = Service.objects.filter(slug__startswith="load-").order_by("-pk").first()
    if service is None:
        sys.exit("No generated service: run manage.py generate_load first.")
    lead = User.objects.filter(team__service=service, role=Role.TEAM_LEAD).order_by("pk").first()
    client = sign_in_fully(Client(HTTP_HOST="localhost"), lead)
    visits = Visit.objects.count()
    team_visits = Visit.objects.filter(team_id=lead.team_id).count()
    print(f"{visits} visits; {lead.team} holds {team_visits}.")

    def get(path, **params):
        def fetch():
            response = client.get(path, params)
            if response.status_code != 200:
                sys.exit(f"{path} answered {response.status_code}")

        return fetch

    baseline = timed(full_read, args.runs)
    landing_all = timed(get("/staff/reports/", period="all"), args.runs)
    landing_quarter = timed(get("/staff/reports/", period="last_quarter"), args.runs)
    print(f"full read of visits:                 {baseline:8.1f} ms")
    print(
        f"landing page, all history:           {landing_all:8.1f} ms"
        f"  ({landing_all / baseline:.2f}× the full read; target ≤ 3×)"
    )
    print(f"landing page, last quarter:          {landing_quarter:8.1f} ms  (target ≤ 50 ms)")
    # What the same stack costs without the figures, and the figures' own SQL time.
    plain = timed(get("/staff/"), args.runs)
    print(f"plain staff page (home), for scale:  {plain:8.1f} ms")

    def sql_of_quarter():
        spent = []

        def clocked(execute, sql, params, many, context):
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                spent.append(time.perf_counter() - began)

        with connection.execute_wrapper(clocked):
            client.get("/staff/reports/", {"period": "last_quarter"})
        return sum(spent) * 1000

    sql = statistics.median(sql_of_quarter() for _ in range(args.runs))
    print(f"  of the quarter landing page, SQL:  {sql:8.1f} ms")
    # A service admin's landing page: every team of the service.
    admin, _ = User.objects.get_or_create(
        email=f"bench-admin@{service.slug}.invalid",
        defaults={"full_name": "Bench Admin", "role": Role.SERVICE_ADMIN, "team": lead.team},
    )
    as_admin = sign_in_fully(Client(HTTP_HOST="localhost"), admin)

    def admin_quarter():
        if as_admin.get("/staff/reports/", {"period": "last_quarter"}).status_code != 200:
            sys.exit("The service admin's landing page did not answer 200")

    print(f"service admin's landing, last quarter:{timed(admin_quarter, args.runs):7.1f} ms")
    for slug in REPORTS:
        quarter = timed(get(f"/staff/reports/{slug}/", period="last_quarter"), args.runs)
        queries = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            client.get(f"/staff/reports/{slug}/", {"period": "last_quarter"})
        print(f"{slug + ', last quarter:':37s}{quarter:8.1f} ms  ({len(queries)} queries)")


if __name__ == "__main__":
    main()
