"""The waiting list: order, weeks waiting, national bands and the target."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from referrals import actions
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db

WAITING_LIST = reverse("referrals:waiting_list")
# In UTC, so that "18 weeks ago" is exactly 18 weeks across a clock change.
NOW = datetime(2026, 6, 1, 11, tzinfo=UTC)


def waiting_since(service, team_lead, received_at, *, priority=1, last_name="Jones"):
    with time_machine.travel(received_at, tick=False):
        referral = make_referral(service, last_name=last_name)
    actions.triage(referral=referral, decision="accept", priority=priority, by=team_lead)
    return referral


def test_waiting_list_is_urgent_first_then_oldest(lead_client, service, team_lead):
    newer = waiting_since(service, team_lead, NOW - timedelta(days=3))
    older = waiting_since(service, team_lead, NOW - timedelta(days=30))
    urgent = waiting_since(service, team_lead, NOW - timedelta(days=1), priority=2)
    make_referral(service, last_name="Untriaged")
    with time_machine.travel(NOW, tick=False):
        response = lead_client.get(WAITING_LIST)
    assert [r.reference for r in response.context["referrals"]] == [
        urgent.reference,
        older.reference,
        newer.reference,
    ]


def test_weeks_waiting_bands_and_the_target(lead_client, service, team_lead):
    service.waiting_target_weeks = 18
    service.save()
    cases = {
        "six days": (NOW - timedelta(days=6), 0, "0 to 1 weeks", False),
        "one week": (NOW - timedelta(weeks=1), 1, "0 to 1 weeks", False),
        "eight days": (NOW - timedelta(days=8), 1, "1 to 2 weeks", False),
        "eight weeks": (NOW - timedelta(weeks=8, days=3), 8, "4 to 12 weeks", False),
        "just under target": (
            NOW - timedelta(weeks=18) + timedelta(hours=1),
            17,
            "12 to 18 weeks",
            False,
        ),
        "at target": (NOW - timedelta(weeks=18), 18, "12 to 18 weeks", False),
        "a day over target": (NOW - timedelta(weeks=18, days=1), 18, "18 to 52 weeks", True),
        "over a year": (NOW - timedelta(weeks=60), 60, "52 weeks or more", True),
    }
    made = {
        name: waiting_since(service, team_lead, received_at, last_name=name.replace(" ", ""))
        for name, (received_at, *_rest) in cases.items()
    }
    with time_machine.travel(NOW, tick=False):
        response = lead_client.get(WAITING_LIST)
    rows = {r.reference: r for r in response.context["referrals"]}
    for name, (_received, weeks, band, over) in cases.items():
        row = rows[made[name].reference]
        assert (row.weeks_waiting, row.waiting_band, row.over_target) == (weeks, band, over), name

    assert response.context["bands"] == [
        ("0 to 1 weeks", 2),
        ("1 to 2 weeks", 1),
        ("2 to 4 weeks", 0),
        ("4 to 12 weeks", 1),
        ("12 to 18 weeks", 2),
        ("18 to 52 weeks", 1),
        ("52 weeks or more", 1),
    ]
    assert response.context["over_target"] == 2
    html = response.content.decode()
    assert html.count("Over 18-week target") == 2
    assert "2 families have waited longer than the service" in html


def test_band_counts_cover_the_whole_list_not_just_the_page(lead_client, service, team_lead):
    for n in range(52):
        waiting_since(service, team_lead, NOW - timedelta(days=n % 3), last_name=f"F{n}")
    with time_machine.travel(NOW, tick=False):
        response = lead_client.get(WAITING_LIST)
    assert len(response.context["referrals"]) == 50
    assert dict(response.context["bands"])["0 to 1 weeks"] == 52
    assert response.context["over_target"] == 0
    assert "nhsuk-card--warning" not in response.content.decode()
    assert 'href="?page=2"' in response.content.decode()


def test_an_empty_waiting_list_says_so(lead_client):
    response = lead_client.get(WAITING_LIST)
    assert "No families are waiting." in response.content.decode()
    assert all(count == 0 for _label, count in response.context["bands"])
