"""What the films benchmarks share: a throwaway app with one family, run by gunicorn.

``Site`` makes a temporary VAR_DIR (SQLite, private films folder, static root),
migrates it, seeds a family whose filming visit took place with consent in
force, signs a guider in (password and second factor) and starts gunicorn with
one sync worker, so the worker's peak memory and timings can be read. Fictional
data only; nothing outside the temporary folder is touched.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

SEED = r"""
import json, os
import django
django.setup()
from django.test import Client
from sessions.models import VisitKind
from tests.factories import TeamFactory, UserFactory
from accounts.models import Role
from tests.helpers import attended, give_consent, open_programme, sign_in_fully

team = TeamFactory(name="Bench Team")
lead = UserFactory(team=team, role=Role.TEAM_LEAD, email="lead@bench.invalid")
guider = UserFactory(team=team, email="guider@bench.invalid")
programme = open_programme(team.service, team_lead=lead, practitioner=guider)
give_consent(programme, guider)
visit = attended(programme, guider, kind=VisitKind.FILMING)
client = sign_in_fully(Client(), guider)
print(json.dumps({
    "session": client.cookies["sessionid"].value,
    "reference": programme.reference,
    "visit": str(visit.public_id),
    "visit_pk": visit.pk,
    "guider_pk": guider.pk,
}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    def __init__(self, **settings):
        self.folder = Path(tempfile.mkdtemp(prefix="vig-bench-"))
        self.env = {
            **os.environ,
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "DEBUG": "false",
            "HTTPS": "false",
            "STATIC_MANIFEST": "false",
            "VAR_DIR": str(self.folder / "var"),
            "STATIC_ROOT": str(self.folder / "static"),
            "DATABASE_URL": f"sqlite:///{self.folder / 'db.sqlite3'}",
            "CELERY_BROKER_URL": "filesystem://",
            "REDIS_URL": "",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "vig_service.settings",
            **{k: str(v) for k, v in settings.items()},
        }
        self.films = self.folder / "var" / "private" / "films"
        self.static = self.folder / "static"
        self.server = None
        self.port = None

    def manage(self, *args):
        subprocess.run(  # noqa: S603 — our own manage.py
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True
        )

    def python(self, code):
        result = subprocess.run(  # noqa: S603 — our own code
            [PYTHON, "-c", code], cwd=ROOT, env=self.env, check=True, capture_output=True
        )
        return result.stdout.decode()

    def prepare(self):
        self.manage("migrate", "--noinput")
        self.manage("createcachetable")
        self.static.mkdir(parents=True, exist_ok=True)
        self.family = json.loads(self.python(SEED).strip().splitlines()[-1])
        return self.family

    def start(self):
        self.port = free_port()
        self.server = subprocess.Popen(  # noqa: S603
            [
                GUNICORN, "vig_service.wsgi", "--bind", f"127.0.0.1:{self.port}",
                "--workers", "1", "--threads", "1", "--timeout", "600",
            ],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url("/health/"), timeout=1).read()  # noqa: S310
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_pid(self):
        children = Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children").read_text()
        return int(children.split()[0])

    def peak_rss_mb(self, pid=None):
        """The process's high-water mark of resident memory (VmHWM), in MB."""
        status = Path(f"/proc/{pid or self.worker_pid()}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024

    def rss_mb(self, pid=None):
        status = Path(f"/proc/{pid or self.worker_pid()}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024

    def films_path(self, *parts):
        return "/staff/programmes/{}/visits/{}/films/{}".format(
            self.family["reference"], self.family["visit"], "".join(parts)
        )

    def cookie(self, csrf=""):
        cookie = f"sessionid={self.family['session']}"
        return cookie + (f"; csrftoken={csrf}" if csrf else "")

    def csrf(self):
        """A CSRF cookie and the matching form token, from the upload page."""
        request = urllib.request.Request(  # noqa: S310
            self.url(self.films_path("add/")), headers={"Cookie": self.cookie()}
        )
        with urllib.request.urlopen(request) as response:  # noqa: S310
            page = response.read().decode()
            cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"]).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return cookie, token

    def stop(self):
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)
