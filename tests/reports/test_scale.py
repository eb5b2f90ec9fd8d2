"""The reports run the same number of queries however much history there is, and
generate_load refuses to run where it could harm real records."""

from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, User
from reports.load import generate
from reports.pages import REPORTS
from tests.helpers import signed_in_client

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 7, 15, 12, tzinfo=UTC)
PAGES = ["/staff/reports/", *(f"/staff/reports/{slug}/" for slug in REPORTS)]


def query_counts(client):
    counts = {}
    for path in PAGES:
        for period in ("all", "last_quarter"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, {"period": period})
            assert response.status_code == 200, path
            counts[path, period] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_data():
    first = generate(families=30, visits=200, seed=1, now=NOW)
    lead = User.objects.filter(team__service=first["service"], role=Role.TEAM_LEAD).first()
    client = signed_in_client(lead)
    small = query_counts(client)
    assert min(small.values()) > 5  # the counts are real
    generate(families=150, visits=1500, seed=2, now=NOW, service=first["service"])
    generate(families=50, visits=500, seed=3, now=NOW)  # and another service's
    assert query_counts(client) == small


def test_generate_load_writes_what_it_says(settings):
    counts = generate(families=40, visits=300, seed=5, now=NOW)
    assert counts["Referral"] == 40
    assert 150 < counts["Visit"] <= 450
    service = counts["service"]
    assert service.referrals.count() == 40


def test_generate_load_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="i-know-this-is-not-production"):
        call_command("generate_load", families=1, visits=1)
    call_command(
        "generate_load", "--families", "3", "--visits", "10", "--i-know-this-is-not-production"
    )
