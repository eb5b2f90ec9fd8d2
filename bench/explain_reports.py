"""EXPLAIN ANALYZE for the slowest queries of each report page, for the ADR.

    DATABASE_URL=postgres://…/vig_i11_load DEBUG=1 \
        .venv/bin/python bench/explain_reports.py [--period last_quarter] [--top 2]
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vig_service.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Role, Service, User  # noqa: E402
from reports.pages import REPORTS  # noqa: E402
from tests.helpers import sign_in_fully  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--period", default="last_quarter")
    parser.add_argument("--top", type=int, default=2)
    parser.add_argument("--pages", nargs="*", default=["", *REPORTS])
    parser.add_argument("--service-admin", action="store_true", help="as the bench's admin")
    args = parser.parse_args()
    service = Service.objects.filter(slug__startswith="load-").order_by("-pk").first()
    lead = User.objects.filter(team__service=service, role=Role.TEAM_LEAD).order_by("pk").first()
    if args.service_admin:  # made by bench/reports.py
        lead = User.objects.get(email=f"bench-admin@{service.slug}.invalid")
    client = sign_in_fully(Client(HTTP_HOST="localhost"), lead)
    for slug in args.pages:
        path = f"/staff/reports/{slug + '/' if slug else ''}"
        client.get(path, {"period": args.period})
        with CaptureQueriesContext(connection) as queries:
            client.get(path, {"period": args.period})
        selects = [q for q in queries.captured_queries if q["sql"].startswith("SELECT")]
        slowest = sorted(selects, key=lambda q: -float(q["time"]))[: args.top]
        for query in slowest:
            print(f"\n=== {path} ({args.period}) {float(query['time']) * 1000:.1f} ms")
            print(query["sql"][:400])
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + query["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
