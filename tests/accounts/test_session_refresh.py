"""A signed-in session is written at most once a minute, not on every request, and
still ends after 30 minutes without a request (to the minute)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.helpers import sign_in_fully

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def expiry(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def signed_in(client):
    response = client.get(HOME)
    if response.status_code == 302:
        assert response.url.startswith(reverse("accounts:login"))
        return False
    assert response.status_code == 200
    return True


def test_pages_within_a_minute_do_not_write_the_session(client, practitioner, clock):
    sign_in_fully(client, practitioner)
    assert signed_in(client)
    first = expiry(client)
    clock.shift(timedelta(seconds=59))
    assert signed_in(client)
    assert expiry(client) == first


def test_a_page_a_minute_later_moves_the_end_of_the_session(client, practitioner, clock):
    sign_in_fully(client, practitioner)
    assert signed_in(client)
    clock.shift(timedelta(seconds=60))
    assert signed_in(client)
    assert expiry(client) == START + timedelta(seconds=60) + timedelta(minutes=30)


def test_the_session_ends_after_thirty_idle_minutes_to_the_minute(client, practitioner, clock):
    sign_in_fully(client, practitioner)
    assert signed_in(client)
    # Busy for an hour, a page every 59 seconds: never signed out.
    for _ in range(61):
        clock.shift(timedelta(seconds=59))
        assert signed_in(client)
    clock.shift(timedelta(minutes=29))
    assert signed_in(client)
    clock.shift(timedelta(minutes=30))
    assert not signed_in(client)


def test_after_thirty_idle_minutes_the_person_signs_in_again(client, practitioner, clock):
    sign_in_fully(client, practitioner)
    assert signed_in(client)
    clock.shift(timedelta(minutes=30))
    assert not signed_in(client)


def test_a_visitor_without_a_session_gets_none(client):
    client.get(reverse("start"))
    assert "sessionid" not in client.cookies
