"""``make run``'s supervisor (scripts/run.py): a quiet console, and Ctrl+C or SIGTERM
to its process group stops every process it started within 10 seconds."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STOP_WITHIN = 10

pytestmark = [
    pytest.mark.worker,  # starts a real Celery worker (and gunicorn)
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stat(pid):
    """(state, parent pid) of a process, or None once it has gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def descendants(root):
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            children.setdefault(stat[1], []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pids):
    return [pid for pid in pids if (stat := _stat(pid)) and stat[0] not in ("Z", "X")]


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 — our own local server
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def embedded_env(tmp_path_factory):
    """The embedded mode (SQLite, filesystem broker) in a fresh, migrated folder."""
    var = tmp_path_factory.mktemp("run") / "var"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env |= {
        "VAR_DIR": str(var),
        "SECRET_KEY": "test-only-run-supervisor",
        "DEBUG": "false",
        "HTTPS": "false",
        "STATIC_MANIFEST": "false",
    }
    subprocess.run(  # noqa: S603 — our own manage.py
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return env


@pytest.fixture
def running_app(tmp_path, embedded_env):
    """scripts/run.py on a free port, as ``make run`` starts it."""
    port = free_port()
    env = embedded_env
    output = (tmp_path / "console.txt").open("w+")
    supervisor = subprocess.Popen(  # noqa: S603 — our own script
        [sys.executable, "scripts/run.py", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, like a job in a terminal
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    # gunicorn (master + 2 workers), celery (main, 2 pool processes, beat).
    while time.monotonic() < deadline and not (
        answers(url) and len(descendants(supervisor.pid)) >= 7
    ):
        assert supervisor.poll() is None, output.seek(0) or output.read()
        time.sleep(0.3)
    assert answers(url), "the web server never answered"
    yield supervisor, url, output
    if supervisor.poll() is None:
        os.killpg(supervisor.pid, signal.SIGKILL)
        supervisor.wait()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
def test_a_signal_to_the_group_stops_every_process_quietly_within_10_seconds(running_app, signum):
    supervisor, url, output = running_app
    answers(f"{url}/")
    answers(f"{url}/static/css/app.css")
    processes = [supervisor.pid, *descendants(supervisor.pid)]

    os.killpg(supervisor.pid, signum)
    started = time.monotonic()
    while alive(processes) and time.monotonic() - started < STOP_WITHIN:
        time.sleep(0.1)
    took = time.monotonic() - started

    assert alive(processes) == [], f"still running after {took:.1f}s"
    assert supervisor.wait(timeout=1) == 0
    output.seek(0)
    console = output.read()
    assert f"running at {url}/" in console
    assert "Stopped." in console
    for noise in (
        "RecursionError",
        "Traceback",
        "No hostname was supplied",
        "superuser privileges",
        '"GET /',  # an access log line per request and static file
        "Booting worker",
        "[tasks]",  # the Celery banner
        "exited with 'signal",
    ):
        assert noise not in console, f"{noise!r} in the console:\n{console}"
    assert console.count("Warm shutdown") <= 1
