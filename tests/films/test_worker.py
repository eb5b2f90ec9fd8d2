"""A real Celery worker checks an uploaded film and destroys films on withdrawal."""

import time

import pytest

from consent.actions import withdraw_consent
from consent.models import Scope
from films.actions import receive_file
from films.models import Film, FilmDestruction, FilmState
from tests.films.conftest import stored_files
from vig_service.celery import app as celery_app

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


# Everything this module queues goes to a queue of its own, which only its worker
# reads: another test process's worker (tests run in parallel) never takes it,
# and this worker never takes theirs.
QUEUE = "films-worker-test"


def route_all_to(queue, routes=None):
    celery_app.conf.task_routes = {"*": {"queue": queue}} if queue else routes
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)  # a cached Router keeps the old routes


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, django_db_blocker):
    import celery.contrib.testing.tasks  # noqa: F401 — registers celery.ping
    from celery.contrib.testing.worker import start_worker

    routes = celery_app.conf.task_routes
    route_all_to(QUEUE)
    try:
        with django_db_blocker.unblock():
            # Not control.purge(): that would empty the shared default queue too.
            with celery_app.connection_for_write() as connection:
                connection.default_channel.queue_declare(QUEUE)
                connection.default_channel.queue_purge(QUEUE)
            with start_worker(
                celery_app,
                pool="solo",
                perform_ping_check=False,
                shutdown_timeout=15,
                queues=[QUEUE],
            ) as worker:
                yield worker
    finally:
        route_all_to(None, routes)


def wait_for(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return condition()


def test_the_worker_checks_a_film_then_destroys_it_when_consent_is_withdrawn(
    celery_worker, practitioner, programme, visit, films, tmp_path, films_storage
):
    copy = tmp_path / "f.webm"
    copy.write_bytes(films["webm"].read_bytes())

    class Upload:
        name, size = "f.webm", copy.stat().st_size

        def temporary_file_path(self):
            return str(copy)

    film = receive_file(visit=visit, by=practitioner, uploaded_file=Upload(), key=None)

    def state():
        return Film.objects.get(pk=film.pk).state

    assert wait_for(lambda: state() != FilmState.CHECKING), "the worker never checked the film"
    assert state() == FilmState.READY
    assert len(stored_files(films_storage)) == 2

    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.FILMING],
        by=practitioner,
    )
    assert wait_for(lambda: state() == FilmState.DESTROYED), "the worker never destroyed it"
    assert stored_files(films_storage) == []
    assert FilmDestruction.objects.get(film=film).destroyed_by_label == "consent withdrawal"
