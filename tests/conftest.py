"""Shared fixtures.

The three standing users (STYLE.md): ``practitioner`` on the family's team,
``outsider`` — a practitioner in another team of another service — and
``team_lead`` of the practitioner's team. ``staff_client(user)`` gives a Django
test client signed in with password *and* a verified second factor.
"""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from tests.factories import TeamFactory, UserFactory


@pytest.fixture
def team(db):
    return TeamFactory(name="North Locality")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Elsewhere Team")


@pytest.fixture
def practitioner(team):
    return UserFactory(email="alice@trust.invalid", full_name="Alice Guider", team=team)


@pytest.fixture
def team_lead(team):
    return UserFactory(
        email="tina@trust.invalid", full_name="Tina Lead", team=team, role=Role.TEAM_LEAD
    )


@pytest.fixture
def outsider(other_team):
    return UserFactory(email="bob@trust.invalid", full_name="Bob Outsider", team=other_team)


def sign_in_fully(client, user):
    """Sign ``client`` in as ``user`` with a confirmed TOTP device verified."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def staff_client(client):
    """``staff_client(user)`` → the test client, fully signed in as ``user``."""

    def _sign_in(user):
        return sign_in_fully(client, user)

    return _sign_in


@pytest.fixture(autouse=True)
def celery_eager(request):
    """Run tasks inline, except in tests marked ``worker`` that start a real worker.

    Inline tasks still follow ``delay_on_commit``: they run when the test's
    transaction commits (use ``django_capture_on_commit_callbacks(execute=True)``).
    """
    from vig_service.celery import app

    eager = request.node.get_closest_marker("worker") is None
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = eager
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate-limit counters live in the cache; in CI that is a real Redis shared by
    every test, so each test starts from an empty one."""
    from django.core.cache import cache

    try:
        cache.clear()
    except Exception:  # noqa: S110 — the database cache needs a table only django_db tests have
        pass
    yield
