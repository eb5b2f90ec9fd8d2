"""A real Celery worker cuts a clip and a still marked on a film it checked; the
cutting task has a queue of its own in the service's routes."""

import pytest
from django.conf import settings

from films import actions
from films.actions import receive_file
from films.models import Clip, Film, FilmState, MomentState, Still
from tests.films import moments as colour
from tests.workers import running_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, django_db_blocker):
    with running_worker("clips-worker-test", django_db_blocker) as worker:
        yield worker


def test_clips_are_cut_on_their_own_queue():
    assert settings.CELERY_TASK_ROUTES["films.tasks.cut_moment"] == {
        "queue": settings.CLIP_CUT_QUEUE
    }
    assert settings.CLIP_CUT_QUEUE != settings.FILM_CHECK_QUEUE


def test_the_worker_cuts_a_clip_and_a_still(celery_worker, practitioner, visit, tmp_path):
    source = colour.red_then_blue(tmp_path / "bath.mp4")

    class Upload:
        name, size = "bath.mp4", source.stat().st_size

        def temporary_file_path(self):
            return str(source)

    film = receive_file(visit=visit, by=practitioner, uploaded_file=Upload(), key=None)
    assert wait_for(lambda: Film.objects.get(pk=film.pk).state == FilmState.READY, timeout=90)
    film.refresh_from_db()
    clip = actions.add_clip(
        film=film,
        start_ms=1_000,
        end_ms=2_500,
        title="Look",
        principles=["attentive"],
        by=practitioner,
    )
    still = actions.add_still(
        film=film, at_ms=2_000, caption="Smile", principles=["receiving"], by=practitioner
    )
    assert wait_for(
        lambda: (
            Clip.objects.get(pk=clip.pk).state == MomentState.READY
            and Still.objects.get(pk=still.pk).state == MomentState.READY
        ),
        timeout=60,
    ), "the worker never cut them"
