"""A local stand-in for GOV.UK Notify's API, speaking its documented v2 JSON.

It records every request (path, JSON body, bearer token) and answers:
``POST /v2/notifications/sms``, ``/email`` and ``/letter`` with 201 and a new
id, and ``GET /v2/notifications?reference=…`` (and ``template_type=…``) with
what was sent under that reference. As Notify does, it answers 400 to a message
without its recipient or template, and to a letter without 3 address lines whose
last is a real UK postcode. Notify's test numbers and addresses are honoured: a
text to 07700900002 / an email to perm-fail@simulator.notify (permanent
failure), 07700900003 / temp-fail@simulator.notify (temporary) are accepted and
reported failed by ``status_of``.
``fail_next`` makes the next send answer 500 (a Notify outage).
"""

import json
import re
import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PORTS = range(8200, 8300)
FAILING_NUMBERS = {
    "07700900002": "permanent-failure",
    "07700900003": "temporary-failure",
    "perm-fail@simulator.notify": "permanent-failure",
    "temp-fail@simulator.notify": "temporary-failure",
}
UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
RECIPIENT = {"sms": "phone_number", "email": "email_address"}


def validation_errors(kind, body):
    """What Notify's API would refuse in ``body``, in its words."""
    errors = []
    if not body.get("template_id"):
        errors.append("template_id is a required property")
    if kind in RECIPIENT and not body.get(RECIPIENT[kind]):
        errors.append(f"{RECIPIENT[kind]} is a required property")
    if kind == "letter":
        fields = body.get("personalisation") or {}
        lines = [fields.get(f"address_line_{n}", "") for n in range(1, 8)]
        lines = [line for line in lines if line]
        if len(lines) < 3:
            errors.append("Address must be at least 3 lines")
        elif not UK_POSTCODE.match(lines[-1].upper()):
            errors.append("Last line of address must be a real UK postcode")
    return errors


def recipient(kind, body):
    if kind == "letter":
        return (body.get("personalisation") or {}).get("address_line_1")
    return body.get(RECIPIENT[kind])


class FakeNotify:
    def __init__(self):
        self.requests = []
        self.sent = []
        self.fail_next = 0
        self.lock = threading.Lock()
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake.lock:
                    fake.requests.append(("POST", self.path, body, self.headers["Authorization"]))
                    if fake.fail_next:
                        fake.fail_next -= 1
                        return self._reply(500, {"errors": [{"error": "Exception"}]})
                    kind = self.path.rsplit("/", 1)[-1]
                    if kind not in ("sms", "email", "letter"):
                        return self._reply(404, {"errors": [{"error": "NotFound"}]})
                    if errors := validation_errors(kind, body):
                        return self._reply(
                            400,
                            {
                                "status_code": 400,
                                "errors": [
                                    {"error": "ValidationError", "message": m} for m in errors
                                ],
                            },
                        )
                    notification = {
                        "id": str(uuid.uuid4()),
                        "reference": body.get("reference"),
                        "type": kind,
                        "to": recipient(kind, body),
                        "template": {"id": body.get("template_id"), "version": 1},
                        "personalisation": body.get("personalisation") or {},
                    }
                    fake.sent.append(notification)
                self._reply(201, {**notification, "content": {}, "uri": ""})

            def do_GET(self):  # noqa: N802
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                reference = query.get("reference", [None])[0]
                kind = query.get("template_type", [None])[0]
                with fake.lock:
                    fake.requests.append(("GET", self.path, None, self.headers["Authorization"]))
                    found = [
                        n
                        for n in fake.sent
                        if reference and n["reference"] == reference and kind in (None, n["type"])
                    ]
                self._reply(200, {"notifications": found, "links": {}})

        for port in PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            raise OSError("no free port in 8200-8299 for the fake Notify")
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def status_of(self, notification):
        return FAILING_NUMBERS.get(notification["to"], "delivered")


def port_is_free(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


# A key in Notify's format: name, service id, secret (the client splits it so).
TEST_KEY = f"vig_test-{uuid.UUID(int=1)}-{uuid.UUID(int=2)}"
