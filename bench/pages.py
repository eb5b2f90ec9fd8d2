"""How fast the staff pages answer at a big trust's scale, against two yardsticks.

    .venv/bin/python bench/pages.py                  # build 10,000 families, then measure
    .venv/bin/python bench/pages.py --reuse          # measure the data set built last time
    .venv/bin/python bench/pages.py --families 1000 --database vig_bench_1k

Builds the data set (``bench/pages_data.py``) in a PostgreSQL database of its own
(dropped and made again unless ``--reuse``), starts gunicorn with two sync workers,
signs the personas in through the real sign-in pages (password, then a TOTP code
worked out from their authenticator key) and runs ``wrk -t2 -c8`` against each
page in turn, for several interleaved rounds. Prints each page's median
requests/s, and its ratio to a bare view behind the same middleware (anonymous)
and to the Django admin's changelist of the same referrals (``bench/urls.py``).

Needs PostgreSQL (``--server``, default postgres@127.0.0.1:5432, a role that may
create databases), Redis for the cache (``--redis``) and Debian's ``wrk``.
"""

import argparse
import hashlib
import hmac
import http.cookiejar
import json
import os
import re
import signal
import statistics
import struct
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

# (name, persona, path): persona None is anonymous. "{case}" is the guider's family.
PAGES = [
    ("bare view", None, "/bench/bare/"),
    ("signed-in page", "guider", "/staff/bench/signed-in/"),
    ("admin changelist", "admin", "/admin/referrals/referral/"),
    ("referrals inbox", "lead", "/staff/referrals/"),
    ("waiting list", "lead", "/staff/referrals/waiting-list/"),
    ("team programmes", "lead", "/staff/programmes/"),
    ("caseload", "guider", "/staff/programmes/"),
    ("case page", "guider", "/staff/programmes/{case}/"),
    ("diary", "guider", "/staff/programmes/diary/"),
]
YARDSTICKS = ("bare view", "admin changelist")
BUILD = """
import json, django
django.setup()
from bench.pages_data import build
print(json.dumps(build({families})))
"""


def totp(hex_key, at=None, step=30, digits=6):
    """RFC 6238, as django-otp's TOTPDevice checks it (SHA-1, 30 s, 6 digits)."""
    counter = int((at or time.time()) // step)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"


class Site:
    def __init__(self, args):
        self.args = args
        self.env = {
            **os.environ,
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "DEBUG": "false",
            "HTTPS": "false",
            "STATIC_MANIFEST": "false",
            "DATABASE_URL": f"postgres://{args.server}/{args.database}",
            "REDIS_URL": f"redis://{args.redis}/{args.redis_db}",
            "CELERY_BROKER_URL": f"redis://{args.redis}/{args.broker_db}",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            **dict(pair.split("=", 1) for pair in args.env),
        }
        self.state = ROOT / "var" / f"bench-pages-{args.database}.json"
        self.server = None
        self.sessions = {}

    def run(self, *command, **kwargs):
        return subprocess.run(  # noqa: S603 — our own tools
            command, cwd=ROOT, env=self.env, check=True, capture_output=True, **kwargs
        )

    def build(self):
        user_host = self.args.server.split("/")[0]
        user, host = user_host.split("@")
        host, port = (host.split(":") + ["5432"])[:2]
        connect = ["-h", host, "-p", port, "-U", user]
        self.run("dropdb", "--if-exists", *connect, self.args.database)
        self.run("createdb", *connect, self.args.database)
        started = time.monotonic()
        # Building is long and heavy: at a low priority, as a shared machine asks.
        # The measuring is not, so that the server is not starved by its neighbours.
        self.run("nice", "-n10", PYTHON, "manage.py", "migrate", "--noinput")
        code = BUILD.format(families=self.args.families)
        output = self.run("nice", "-n10", PYTHON, "-c", code).stdout.decode()
        data = json.loads(output.strip().splitlines()[-1])
        self.run("psql", *connect, "-d", self.args.database, "-c", "VACUUM ANALYZE")
        data["built_in_seconds"] = round(time.monotonic() - started)
        self.state.parent.mkdir(exist_ok=True)
        self.state.write_text(json.dumps(data, indent=2))
        return data

    def start(self):
        self.server = subprocess.Popen(  # noqa: S603
            [GUNICORN, "vig_service.wsgi", "--bind", f"127.0.0.1:{self.args.port}",
             "--workers", "2", "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url("/bench/bare/"), timeout=1).read()  # noqa: S310
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        if self.server:
            self.server.terminate()
            self.server.wait(timeout=30)

    def url(self, path):
        return f"http://127.0.0.1:{self.args.port}{path}"

    def sign_in(self, email, password, key):
        """Through the sign-in pages, as a person would: the session cookie."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        def post(path, **fields):
            page = opener.open(self.url(path)).read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
            request = urllib.request.Request(self.url(path), data=body)  # noqa: S310
            request.add_header("Referer", self.url(path))
            return opener.open(request)

        post("/staff/sign-in/", email=email, password=password)
        for _attempt in range(3):
            response = post("/staff/sign-in/two-factor/", code=totp(key))
            if "/two-factor/" not in response.url:
                break
            time.sleep(31 - time.time() % 30)  # that code was used: wait for the next one
        else:
            raise RuntimeError(f"{email}: the second factor was refused")
        return next(c.value for c in jar if c.name == "sessionid")

    def check(self, persona, path):
        """The page answers 200 to this persona (not a redirect to sign in, not an error)."""
        request = urllib.request.Request(self.url(path))  # noqa: S310 — our own server
        if persona:
            request.add_header("Cookie", f"sessionid={self.sessions[persona]}")
        opener = urllib.request.build_opener(NoRedirect)
        with opener.open(request) as response:
            if response.status != 200:
                raise RuntimeError(f"{path} as {persona}: {response.status}")
            return len(response.read())

    def wrk(self, persona, path):
        # A slow page's answers count however long they take (wrk gives up after 2 s).
        timeout = "--timeout=60s"
        command = ["wrk", "-t2", "-c8", f"-d{self.args.seconds}s", timeout, self.url(path)]
        if persona:
            command[1:1] = ["-H", f"Cookie: sessionid={self.sessions[persona]}"]
        out = self.run(*command).stdout.decode()
        self.drain()
        if "Non-2xx" in out:
            raise RuntimeError(f"{path} as {persona}: non-2xx answers\n{out}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def drain(self):
        """Wait for the requests wrk left behind: when it stops, the workers still owe
        answers to its last connections, and the next page must not pay for them."""
        for _ in range(3):
            urllib.request.urlopen(self.url("/bench/bare/"), timeout=120).read()  # noqa: S310


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def report(results, data, args):
    medians = {name: statistics.median(values) for name, values in results.items()}
    bare, admin = (medians[name] for name in YARDSTICKS)
    lines = [
        f"{data['rows']['families']:,} families; gunicorn 2 workers; wrk -t2 -c8 "
        f"-d{args.seconds}s; median of {args.rounds} interleaved rounds",
        f"{'page':<18} {'requests/s':>10} {'÷ bare':>8} {'÷ admin':>8}  rounds",
    ]
    for name, value in medians.items():
        rounds = " ".join(f"{v:.0f}" for v in results[name])
        ok = (
            ""
            if name in YARDSTICKS
            else ("  ✓" if value >= 3 * admin and value >= 0.05 * bare else "  ✗")
        )
        ratios = f"{value / bare:>8.3f} {value / admin:>8.2f}"
        lines.append(f"{name:<18} {value:>10.1f} {ratios}{ok}  [{rounds}]")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--families", type=int, default=10_000)
    parser.add_argument("--database", default="vig_bench_pages")
    parser.add_argument("--server", default="postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="127.0.0.1:6379")
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--broker-db", type=int, default=8)
    parser.add_argument("--port", type=int, default=8400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run")
    parser.add_argument("--pages", nargs="*", help="only these (names as printed)")
    parser.add_argument("--reuse", action="store_true", help="measure the last data set built")
    parser.add_argument("--env", action="append", default=[], help="NAME=value for the server")
    args = parser.parse_args()

    site = Site(args)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop gunicorn on the way out
    if args.reuse:
        data = json.loads(site.state.read_text())
    else:
        print(f"Building {args.families:,} families in {args.database}…", flush=True)
        data = site.build()
        print(f"Built in {data['built_in_seconds']} s: {data['rows']}", flush=True)
    pages = [
        (name, persona, path.format(case=data["case"]))
        for name, persona, path in PAGES
        if not args.pages or name in args.pages or name in YARDSTICKS
    ]
    site.start()
    try:
        for persona in {persona for _, persona, _ in pages if persona}:
            email = data["personas"][persona]
            site.sessions[persona] = site.sign_in(email, data["password"], data["keys"][persona])
        for name, persona, path in pages:
            size = site.check(persona, path)
            print(f"  {name}: {path} ({size / 1024:.0f} kB)", flush=True)
        results = {name: [] for name, _, _ in pages}
        for n in range(args.rounds):
            for name, persona, path in pages:
                results[name].append(site.wrk(persona, path))
            print(f"  round {n + 1}: " + ", ".join(f"{k} {v[-1]:.0f}" for k, v in results.items()),
                  flush=True)  # fmt: skip
        print(report(results, data, args))
    finally:
        site.stop()


if __name__ == "__main__":
    main()
