#!/usr/bin/env python3
"""Run the whole app in one console, as ``make run`` does: web and Celery (worker + beat).

    .venv/bin/python scripts/run.py [--host 127.0.0.1] [--port 8000]

Ctrl+C, or SIGTERM to this process (or to its whole process group), stops every
process it started within ``STOP_WITHIN`` seconds: each is asked once to stop
(SIGTERM), then anything left is killed. The processes run in their own
sessions, so a signal meant for the console reaches only this supervisor, which
signals each child exactly once — the old ``trap 'kill 0'`` signalled its own
shell too, re-entering the trap until the shell crashed, while the worker got
TERM after TERM ("Warm shutdown" and RecursionError by the thousand) and could
be left running.

The console shows what a newcomer needs: where the app is, the emails the
worker "sends", and warnings and errors — no access log line per request or
static file, no Celery banner, no start-up chatter.
"""

import argparse
import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STOP_WITHIN = 10  # seconds, from the signal to the last process gone
GRACE = 7  # seconds a process has to stop by itself before it is killed
PR_SET_PDEATHSIG = 1
# The start of Celery's SecurityWarning about running as root (a -W message filter).
ROOT_WARNING = "You're running the worker with superuser privileges"


def _die_with_this_supervisor():
    """If the supervisor itself is killed outright, the kernel stops the children too."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the signal handlers still stop them
        pass
    # Ctrl+C in the console is for the supervisor, which stops the children in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def commands(host, port):
    return {
        "web": [
            str(BIN / "gunicorn"),
            "vig_service.wsgi",
            f"--bind={host}:{port}",
            "--workers=2",
            "--threads=4",
            # Errors and warnings only: no access log, no "Booting worker" lines.
            "--log-level=warning",
            "--graceful-timeout=3",
        ],
        "worker": [
            str(BIN / "celery"),
            "--quiet",  # no banner
            "--app=vig_service",
            "worker",
            "--beat",
            "--loglevel=WARNING",
            "--concurrency=2",
            # The default queue, and those given to films and clips of their own.
            "--queues=" + ",".join(_queues()),
        ],
    }


def _queues():
    names = ["celery", os.environ.get("FILM_CHECK_QUEUE", "celery")]
    names.append(os.environ.get("CLIP_CUT_QUEUE", "clips"))
    return sorted(set(names))


def environment(host, port):
    env = dict(os.environ)
    # Links in the demo's emails point at this server (.env says port 8000).
    local = host in ("127.0.0.1", "::1", "0.0.0.0")  # noqa: S104 — comparing, not binding
    env.setdefault("SITE_URL", f"http://{'localhost' if local else host}:{port}")
    # The demo often runs as root in a container: Celery would warn about it on
    # every start. Production runs the worker as its own user (see README).
    env["PYTHONWARNINGS"] = ",".join(
        filter(None, [env.get("PYTHONWARNINGS"), f"ignore:{ROOT_WARNING}"])
    )
    return env


class Supervisor:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.processes = {}
        self.stop_requested = False

    def request_stop(self, signum, frame):
        self.stop_requested = True

    def start(self):
        env = environment(self.host, self.port)
        for name, command in commands(self.host, self.port).items():
            self.processes[name] = subprocess.Popen(  # noqa: S603 — our own fixed commands
                command,
                cwd=ROOT,
                env=env,
                start_new_session=True,
                preexec_fn=_die_with_this_supervisor,  # safe: the supervisor has no threads
            )

    def watch(self):
        """Until asked to stop or a process ends by itself; returns that process's name."""
        while not self.stop_requested:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    return name
            time.sleep(0.2)
        return None

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()  # the leader stops its own workers, once
        deadline = time.monotonic() + GRACE
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for process in self.processes.values():
            # Anything still there (a stuck task, a child of a child): gone now.
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run web, worker and beat together.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    args = parser.parse_args(argv)

    supervisor = Supervisor(args.host, args.port)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, supervisor.request_stop)
    supervisor.start()
    url = f"http://{args.host}:{args.port}"
    print(
        f"\n  VIG Service is running at {url}/  (staff sign-in: {url}/staff/)\n"
        "  Web, Celery worker and beat run together here; emails appear below.\n"
        "  Press Ctrl+C to stop them all.\n",
        flush=True,
    )
    ended = supervisor.watch()
    if ended:
        code = supervisor.processes[ended].returncode
        print(
            f"\n  The {ended} process stopped (exit status {code}); stopping the rest.", flush=True
        )
    else:
        print("\n  Stopping…", flush=True)
    supervisor.stop()
    print("  Stopped.", flush=True)
    return 1 if ended else 0


if __name__ == "__main__":
    sys.exit(main())
