"""A broker really stopped in the middle of a run and started again (issue 10).

The shared Redis is never stopped: this test starts a Redis server of its own
(no persistence, as in production here: ``--save "" --appendonly no``), real
``celery worker`` processes and ``manage.py sweep`` processes pointed at it.
Redis is killed with SIGKILL while the workers are sending, so every task still
queued is gone; it is started again on the same port, the workers reconnect,
and the next sweeps make the stale claims due again (``SCHEDULING_CLAIM_TIMEOUT``,
a few seconds here). Every reminder must then have been sent exactly once: one
line in the mail file and one ``sent`` message log row each.
"""

import os
import socket
import subprocess
import sys
import time
from datetime import timedelta

import pytest
import redis
from django.utils import timezone

from scheduling.models import DueWork, MessageLog, MessageStatus, WorkKind, WorkState
from sessions import actions
from tests.helpers import at, open_programme
from tests.scheduling.test_worker_reliability import QUEUE, ROOT, Workers, database_url, purge
from tests.workers import _route_everything_to
from vig_service.celery import app

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.servers,  # collected only on PostgreSQL and Redis (tests/conftest.py)
]

PORTS = range(18200, 18300)
FAMILIES, VISITS_EACH = 8, 4
CLAIM_TIMEOUT = 3  # seconds: a claim older than this is made due again


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"No free port in {PORTS.start}-{PORTS.stop - 1} for a Redis of our own")


class OwnRedis:
    """A ``redis-server`` this test may kill: never the shared one."""

    def __init__(self, port, log):
        self.port, self.log, self.process = port, log, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 — Debian's redis-server, our arguments
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--protected-mode", "yes", "--loglevel", "warning"],
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail(f"redis-server did not answer on port {self.port}: see {self.log}")

    def kill(self):
        """SIGKILL: nothing is saved (nor could be), every queued task is lost."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def queued(self):
        return redis.Redis(port=self.port).llen("celery")


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(free_port(), tmp_path / "redis.log")
    server.start()
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture
def no_stray_tasks():
    """The set-up's own tasks (acknowledgements, booking messages) go to this
    module's queue on the shared broker, and are thrown away."""
    routes = app.conf.task_routes
    _route_everything_to({"*": {"queue": QUEUE}})
    purge()
    yield
    purge()
    _route_everything_to(routes)


@pytest.fixture
def many_reminders_due(no_stray_tasks, team, team_lead, practitioner):
    """Eight families with four booked visits each: 32 reminders, all due now."""
    for n in range(FAMILIES):
        programme = open_programme(
            team.service, team_lead=team_lead, practitioner=practitioner, last_name=f"R{n}"
        )
        for visit in range(VISITS_EACH):
            actions.book_visit(
                programme=programme,
                kind="other",
                starts_at=at(10 + visit, 8 + n),
                place="home",
                by=practitioner,
            )
    DueWork.objects.filter(kind=WorkKind.VISIT_MESSAGE).update(state=WorkState.DONE)
    DueWork.objects.filter(kind=WorkKind.REMINDER).exclude(payload__days=7).delete()
    DueWork.objects.filter(kind=WorkKind.REMINDER).update(
        due_at=timezone.now() - timedelta(seconds=1)
    )
    return FAMILIES * VISITS_EACH


def private_env(own_redis):
    return {
        "CELERY_BROKER_URL": own_redis.url,
        "SCHEDULING_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT),
    }


def run_sweep(own_redis, tmp_path):
    """``manage.py sweep`` in a process of its own, publishing to our Redis."""
    env = {**os.environ, "DATABASE_URL": database_url(), **private_env(own_redis)}
    done = subprocess.run(  # noqa: S603 — our own manage.py
        [sys.executable, "manage.py", "sweep"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    (tmp_path / "sweeps.log").open("a").write(done.stdout + done.stderr)
    assert done.returncode == 0, done.stderr


def reminders_sent(workers):
    return [line for line in workers.emails() if "\tReminder" in line]


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_every_reminder_is_sent_once_after_the_broker_is_killed_and_restarted(
    many_reminders_due, own_redis, tmp_path
):
    due = many_reminders_due
    workers = Workers(tmp_path / "mail.txt", env=private_env(own_redis), queue="celery")
    try:
        # Two workers, each email taking 0.3 s: the run lasts long enough to cut.
        workers.start("one", delay=0.3)
        workers.start("two", delay=0.3)
        run_sweep(own_redis, tmp_path)
        assert not DueWork.objects.filter(kind=WorkKind.REMINDER, state=WorkState.DUE).exists()

        assert wait_for(lambda: len(reminders_sent(workers)) >= 4, timeout=30)
        assert own_redis.queued() > 0  # still work queued
        own_redis.kill()  # mid-run: everything still queued is lost
        before = len(reminders_sent(workers))
        assert before < due
        time.sleep(1)
        own_redis.start()  # the same port, empty
        assert own_redis.queued() == 0

        # The workers reconnect by themselves; each sweep makes claims older than
        # CLAIM_TIMEOUT due again and queues them, until nothing is left undone.
        open_work = DueWork.objects.filter(kind=WorkKind.REMINDER).exclude(state=WorkState.DONE)
        deadline = time.monotonic() + 45
        while open_work.exists() and time.monotonic() < deadline:
            time.sleep(CLAIM_TIMEOUT + 0.5)
            run_sweep(own_redis, tmp_path)
            wait_for(lambda: not open_work.exists(), timeout=CLAIM_TIMEOUT)
        assert not open_work.exists(), list(open_work.values_list("state", "attempts"))
        time.sleep(1)  # anything sent twice would be written by now
    finally:
        workers.stop()

    lines = reminders_sent(workers)
    links = {line.split("\t")[2] for line in lines}
    assert len(lines) == due, f"{len(lines)} reminder emails for {due} reminders"
    assert len(links) == due  # one each: no family missed, none twice
    sent = MessageLog.objects.filter(status=MessageStatus.SENT, template="visit_reminder")
    assert sent.count() == due
    assert not MessageLog.objects.exclude(status=MessageStatus.SENT).exists()
