"""Shared fixtures; the functions behind them are in tests/helpers.py.

The three standing users (STYLE.md): ``practitioner`` on the family's team,
``outsider`` — a practitioner in another team of another service — and
``team_lead`` of the practitioner's team. ``staff_client(user)`` gives a Django
test client signed in with password *and* a verified second factor.
``programme`` is the practitioner's family, ``colleague`` someone else on
their team.
"""

import os
import re

import pytest

from accounts.models import Role
from referrals import actions as referral_actions
from sessions import actions
from tests.factories import TeamFactory, UserFactory
from tests.helpers import make_referral, open_programme, sign_in_fully


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


@pytest.fixture
def colleague(team):
    """On the family's team, but not their guider nor a team lead."""
    return UserFactory(email="carol@trust.invalid", full_name="Carol Colleague", team=team)


@pytest.fixture
def service(team):
    return team.service


@pytest.fixture
def waiting(service, team_lead):
    """A referral accepted to the waiting list, not yet allocated."""
    referral = make_referral(service, last_name="Waiting")
    referral_actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    return referral


@pytest.fixture
def programme(team, team_lead, practitioner):
    """The practitioner's family, allocated and open."""
    return open_programme(team.service, team_lead=team_lead, practitioner=practitioner)


@pytest.fixture
def goal(programme, practitioner):
    return actions.add_goal(
        programme=programme,
        text="Feel closer to my baby",
        helping_question="What am I doing to build a closer relationship with my baby?",
        by=practitioner,
    )


@pytest.fixture
def staff_client(client):
    """``staff_client(user)`` → the test client, fully signed in as ``user``."""

    def _sign_in(user):
        return sign_in_fully(client, user)

    return _sign_in


@pytest.fixture
def lead_client(staff_client, team_lead):
    return staff_client(team_lead)


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


@pytest.fixture(scope="session", autouse=True)
def own_redis_database_per_test_process():
    """Parallel test processes (pytest-xdist) share one Redis server in CI: each
    process keeps its cache — the rate-limit counters — in a database number of
    its own, so one process clearing or counting never touches another's."""
    from django.conf import settings
    from django.test import override_settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache = settings.CACHES["default"]
    if not worker.startswith("gw") or "redis" not in cache["BACKEND"].lower():
        yield
        return
    base, _, number = cache["LOCATION"].rstrip("/").rpartition("/")
    if not re.fullmatch(r"\d+", number):
        base, number = cache["LOCATION"].rstrip("/"), "0"
    database = int(number) + int(worker.removeprefix("gw"))
    if database > 15:
        pytest.exit("More test processes than Redis databases: set PYTEST_WORKERS lower")
    # Every test empties its cache (clear_cache): a cache in the broker's database
    # would take kombu's queue bindings with it, and queued tasks would vanish.
    broker_base, _, broker_number = settings.CELERY_BROKER_URL.rstrip("/").rpartition("/")
    if broker_base == base and broker_number == str(database):
        pytest.exit(
            f"The cache of {worker} would share the broker's Redis database: set REDIS_URL apart"
        )
    with override_settings(CACHES={"default": {**cache, "LOCATION": f"{base}/{database}"}}):
        yield


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


def _on_the_servers():
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"] and (
        settings.CELERY_BROKER_URL.startswith("redis")
    )


def pytest_collection_modifyitems(config, items):
    """Tests with a real Celery worker run in one test process (``--dist loadgroup``).

    Tests marked ``servers`` are about PostgreSQL and Redis themselves (row locks,
    a broker losing its queue, a killed worker process): they belong to the run on
    those servers (CI's second pass) and are left out of a run on the embedded
    default, said once at the end, rather than skipped one by one."""
    servers = _on_the_servers()
    kept, left_out = [], []
    for item in items:
        if item.get_closest_marker("worker"):
            item.add_marker(pytest.mark.xdist_group("celery-worker"))
        (left_out if item.get_closest_marker("servers") and not servers else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
        config._vig_left_out = len(left_out)


def pytest_terminal_summary(terminalreporter, config):
    if left_out := getattr(config, "_vig_left_out", 0):
        terminalreporter.write_line(
            f"{left_out} tests need PostgreSQL and Redis and run on them "
            "(DATABASE_URL and CELERY_BROKER_URL set, as in CI's second pass)."
        )
