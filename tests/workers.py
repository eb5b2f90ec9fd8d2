"""A real Celery worker for tests, on a queue of its own.

Test processes run in parallel against one broker: every task a module queues
goes to that module's own queue, which only its worker reads, so no worker takes
another test's task. Whatever the worker changed in the app (routes, the queues
it consumes) is put back afterwards, so the next module's worker starts clean.
"""

import os
from contextlib import contextmanager

from vig_service.celery import app as celery_app


def _route_everything_to(routes):
    celery_app.conf.task_routes = routes
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)  # a cached Router keeps the old routes


@contextmanager
def running_worker(queue, django_db_blocker):
    # Registers celery.ping, which start_worker expects to exist.
    import celery.contrib.testing.tasks  # noqa: F401
    from celery.contrib.testing.worker import start_worker
    from django.test import override_settings

    # One queue per module and per test process: parallel processes may run tests
    # of the same module, each with its own worker.
    queue = f"{queue}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    routes = celery_app.conf.task_routes
    queues = celery_app.amqp.queues
    consume_from = queues._consume_from
    _route_everything_to({"*": {"queue": queue}})
    try:
        with django_db_blocker.unblock():
            # Not control.purge(): that would empty the queues of other processes too.
            with celery_app.connection_for_write() as connection:
                connection.default_channel.queue_declare(queue)
                connection.default_channel.queue_purge(queue)
            # The worker is a thread of the test process: a connection it kept
            # would outlive it and keep the test database from being dropped.
            with (
                override_settings(CELERY_DB_REUSE_MAX=None),
                start_worker(
                    celery_app,
                    pool="solo",
                    perform_ping_check=False,
                    shutdown_timeout=15,
                    queues=[queue],
                ) as worker,
            ):
                yield worker
    finally:
        # start_worker(queues=…) selects them on the app's own Queues object.
        queues._consume_from = consume_from
        _route_everything_to(routes)


def wait_for(condition, timeout=20.0, every=0.2):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()
