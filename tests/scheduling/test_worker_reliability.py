"""Real workers (separate processes) on Redis + PostgreSQL: nothing lost, nothing twice.

Each worker is a ``celery worker`` process on the test database, sending email
through ``bench/benchmail.py`` (one line per email in a file), so a worker can
be killed with SIGKILL in the middle of a send. Skipped without PostgreSQL and
Redis (CI has both).
"""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, connections
from django.utils import timezone

from scheduling.models import DueWork, MessageLog, MessageStatus, WorkKind, WorkState
from scheduling.sweep import sweep
from sessions import actions
from tests.helpers import at, open_programme
from tests.workers import _route_everything_to
from vig_service.celery import app

# The tests' own queue: other test processes on the same broker never see it.
QUEUE = f"scheduling-reliability-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.servers,  # collected only on PostgreSQL and Redis (tests/conftest.py)
]


def database_url():
    db = connection.settings_dict
    who = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{who}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    def __init__(self, mail_file, env=None, queue=QUEUE):
        self.mail_file = mail_file
        self.env, self.queue = env or {}, queue  # e.g. a broker of the test's own
        self.processes = []

    def start(self, name, delay=0):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "EMAIL_BACKEND": "benchmail.AppendBackend",
            "BENCH_MAIL_FILE": str(self.mail_file),
            "BENCH_MAIL_DELAY": str(delay),
            "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}",
            **self.env,
        }
        process = subprocess.Popen(  # noqa: S603 — our own celery, our own arguments
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "vig_service",
                "worker",
                "--pool=solo",
                "-Q",
                self.queue,
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        self.processes.append(process)
        return process

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    def emails(self):
        if not self.mail_file.exists():
            return []
        return self.mail_file.read_text().splitlines()


def purge():
    with app.connection_for_write() as connection:
        connection.default_channel.queue_declare(QUEUE)
        connection.default_channel.queue_purge(QUEUE)


@pytest.fixture
def workers(tmp_path):
    routes = app.conf.task_routes
    _route_everything_to({"*": {"queue": QUEUE}})
    purge()
    started = Workers(tmp_path / "mail.txt")
    try:
        yield started
    finally:
        started.stop()
        purge()
        _route_everything_to(routes)


def wait_for(condition, timeout=90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return condition()


@pytest.fixture
def reminders_due(team, team_lead, practitioner):
    """Ten booked visits (ten families), each with a 7-day reminder due now."""
    for n in range(10):
        programme = open_programme(
            team.service, team_lead=team_lead, practitioner=practitioner, last_name=f"F{n}"
        )
        actions.book_visit(
            programme=programme,
            kind="other",
            starts_at=at(10 + n // 5, 9 + n % 5),
            place="home",
            by=practitioner,
        )
    # The booking messages are not this test's: done. The reminders are due now.
    DueWork.objects.filter(kind=WorkKind.VISIT_MESSAGE).update(state=WorkState.DONE)
    reminders = DueWork.objects.filter(kind=WorkKind.REMINDER, payload__days=7)
    reminders.update(due_at=timezone.now() - timedelta(seconds=1))
    DueWork.objects.filter(kind=WorkKind.REMINDER).exclude(payload__days=7).delete()
    purge()  # the referrals' acknowledgements are not this test's
    return 10


def sent_once_each(workers, count):
    lines = [line for line in workers.emails() if "\tReminder" in line]
    links = [line.split("\t")[2] for line in lines]
    return len(lines) == count and len(set(links)) == count


def test_two_sweeps_at_once_send_each_reminder_once(workers, reminders_due):
    workers.start("one")
    results = []

    def one_sweep():
        try:
            results.append(sweep())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queued = sum(int(r[0].split()[1]) for r in results)
    assert queued == reminders_due  # each row claimed by one sweep only
    assert wait_for(lambda: len(workers.emails()) >= reminders_due)
    time.sleep(2)
    assert sent_once_each(workers, reminders_due)
    assert MessageLog.objects.filter(status=MessageStatus.SENT).count() == reminders_due


def test_queued_tasks_lost_with_the_broker_are_sent_once_after(workers, reminders_due, settings):
    """A Redis without persistence restarted: the queue is empty, the rows claimed."""
    settings.SCHEDULING_CLAIM_TIMEOUT = 1
    sweep()
    purge()  # the restart: every queued task gone
    assert DueWork.objects.filter(state=WorkState.CLAIMED).count() == reminders_due
    workers.start("after")
    time.sleep(1.5)
    sweep()  # the claims are stale: due again, and queued again
    assert wait_for(lambda: len(workers.emails()) >= reminders_due)
    time.sleep(2)
    assert sent_once_each(workers, reminders_due)


def test_a_worker_killed_mid_send_leaves_the_family_one_email(workers, reminders_due, settings):
    settings.SCHEDULING_CLAIM_TIMEOUT = 1
    DueWork.objects.filter(kind=WorkKind.REMINDER).exclude(
        pk=DueWork.objects.filter(kind=WorkKind.REMINDER).order_by("pk").first().pk
    ).update(state=WorkState.CANCELLED)
    slow = workers.start("slow", delay=30)
    sweep()
    sending = Path(str(workers.mail_file) + ".sending")
    assert wait_for(sending.exists), "the worker never started sending"
    os.kill(slow.pid, signal.SIGKILL)
    slow.wait(timeout=10)
    assert workers.emails() == []
    assert not MessageLog.objects.exists()  # the send's transaction died with it
    workers.start("healthy")
    time.sleep(1.5)
    sweep()  # the stale claim is made due and queued again
    assert wait_for(lambda: len(workers.emails()) >= 1)
    time.sleep(3)
    assert sent_once_each(workers, 1)
    assert DueWork.objects.filter(state=WorkState.DONE, kind=WorkKind.REMINDER).count() == 1


def test_a_reminder_queued_before_its_visit_moved_is_not_sent(workers, reminders_due, practitioner):
    sweep()  # every reminder queued; no worker yet
    moved = DueWork.objects.filter(kind=WorkKind.REMINDER).select_related("visit").first()
    actions.change_visit(
        visit=moved.visit,
        starts_at=at(20, 9),
        duration_minutes=60,
        place="home",
        by=practitioner,
    )
    workers.start("late")  # finds ten reminders queued, one about a time now gone
    assert wait_for(lambda: any("has changed" in line for line in workers.emails()))
    time.sleep(3)
    assert sent_once_each(workers, reminders_due - 1)
    assert DueWork.objects.get(pk=moved.pk).state == WorkState.CANCELLED
