"""Debian's nginx in front of the app serves films through X-Accel-Redirect.

nginx runs in the foreground on a free loopback port with a temporary config
that uses the ``/_films/`` location from deploy/nginx/vig.conf (its alias
pointed at this test's private folder) and proxies everything else to the
live server. The app checks the person and the consent and audits the play;
nginx sends the bytes, ranges and all. The internal location can't be
reached directly.
"""

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from accounts.models import AuditEvent
from films.storage import COPY
from tests.conftest import sign_in_fully

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "vig.conf"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(NGINX).exists(), reason="needs nginx (apt-get install nginx)"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def films_location(root):
    """The deploy config's /_films/ location, serving ``root``."""
    block = re.search(r"    location /_films/ \{.*?\n    \}", DEPLOY.read_text(), re.S).group(0)
    return re.sub(r"alias [^;]+;", f"alias {root}/;", block)


@pytest.fixture
def nginx(tmp_path, live_server, films_storage):
    port = free_port()
    upstream = live_server.url.removeprefix("http://")
    # As root, nginx's workers would drop to "nobody", who can't read the test's files.
    user = "user root root;" if os.geteuid() == 0 else ""
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""
{user}
daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    server {{
        listen 127.0.0.1:{port};
        proxy_set_header Host $http_host;
        proxy_set_header X-Real-IP $remote_addr;
        location / {{
            proxy_pass http://{upstream};
        }}
{films_location(films_storage)}
    }}
}}
"""
    )
    process = subprocess.Popen(  # noqa: S603 — Debian's nginx with our temporary config
        [NGINX, "-c", str(conf), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stdout.read().decode()}")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url, cookie, **headers):
    request = urllib.request.Request(url, headers={"Cookie": cookie, **headers})  # noqa: S310
    try:
        with OPENER.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_nginx_serves_the_film_with_range_after_the_app_says_yes(
    settings, nginx, practitioner, visit, ready_film, films_storage
):
    settings.FILM_X_ACCEL_REDIRECT = "/_films/"
    client = sign_in_fully(Client(), practitioner)
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={client.cookies['sessionid'].value}"
    from tests.films.conftest import films_url

    status, _, page = fetch(nginx + films_url("film", visit, ready_film.public_id), cookie)
    assert status == 200
    src = re.search(r'<source src="([^"]+)"', page.decode()).group(1).replace("&amp;", "&")
    data = (films_storage / ready_film.folder / COPY).read_bytes()

    status, headers, body = fetch(nginx + src, cookie, Range="bytes=100-1099")
    assert status == 206
    assert headers["Content-Range"] == f"bytes 100-1099/{len(data)}"
    assert body == data[100:1100]
    assert headers["Content-Type"] == "video/mp4"
    assert headers["Cache-Control"] == "private, no-store"
    assert "X-Accel-Redirect" not in headers

    status, headers, body = fetch(nginx + src, cookie, Range="bytes=-200")
    assert status == 206 and body == data[-200:]
    status, headers, body = fetch(nginx + src, cookie, Range=f"bytes={len(data)}-")
    assert status == 416
    status, headers, body = fetch(nginx + src, cookie)
    assert status == 200 and body == data and headers["Accept-Ranges"] == "bytes"
    assert AuditEvent.objects.filter(action="film.played").count() == 1

    # The bytes are never reachable without the app: not directly, not signed out.
    status, _, body = fetch(nginx + f"/_films/{ready_film.folder}/{COPY}", cookie)
    assert status == 404 and body != data
    status, headers, _ = fetch(nginx + src, "")
    assert status == 302 and "/staff/sign-in/" in headers["Location"]
