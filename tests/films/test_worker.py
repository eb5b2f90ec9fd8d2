"""A real Celery worker checks an uploaded film and destroys films on withdrawal."""

import pytest

from consent.actions import withdraw_consent
from consent.models import Scope
from films.actions import receive_file
from films.models import Film, FilmDestruction, FilmState
from tests.films.conftest import stored_files
from tests.workers import running_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, django_db_blocker):
    with running_worker("films-worker-test", django_db_blocker) as worker:
        yield worker


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

    assert wait_for(lambda: state() != FilmState.CHECKING, timeout=60), (
        "the worker never checked the film"
    )
    assert state() == FilmState.READY
    assert len(stored_files(films_storage)) == 2

    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.FILMING],
        by=practitioner,
    )
    assert wait_for(lambda: state() == FilmState.DESTROYED, timeout=60), (
        "the worker never destroyed it"
    )
    assert stored_files(films_storage) == []
    assert FilmDestruction.objects.get(film=film).destroyed_by_label == "consent withdrawal"
