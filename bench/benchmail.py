"""An email backend for benches and worker tests: one line per message appended
to BENCH_MAIL_FILE.

Several worker processes append at once; each line is written with one
``os.write`` on an ``O_APPEND`` descriptor, so lines never interleave. With
BENCH_MAIL_DELAY (seconds), sending first touches BENCH_MAIL_FILE + ".sending"
and waits that long: a test can kill the worker in the middle of a send.
"""

import os
import re
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

LINK = re.compile(r"/appointments/(\S+)/")


class AppendBackend(BaseEmailBackend):
    def send_messages(self, messages):
        path = os.environ["BENCH_MAIL_FILE"]
        delay = float(os.environ.get("BENCH_MAIL_DELAY", "0") or 0)
        if delay:
            Path(path + ".sending").touch()
            time.sleep(delay)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            for message in messages:
                found = LINK.search(message.body)
                line = f"{','.join(message.to)}\t{message.subject}\t{found and found.group(1)}\n"
                os.write(fd, line.encode())
        finally:
            os.close(fd)
        return len(messages)
