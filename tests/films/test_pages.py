"""The films pages' shape: queries stay flat as films grow, the checking page
refreshes itself only while checking, the demo film, and a broker outage."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consent.actions import withdraw_consent
from consent.models import Scope
from films import demo, tasks
from films.actions import start_upload
from films.models import Film, FilmState
from tests.films.conftest import films_url
from tests.helpers import text as page_text

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_films_list_takes_the_same_queries_however_many_films(
    staff_client, practitioner, visit
):
    client = staff_client(practitioner)
    url = films_url("index", visit)
    start_upload(visit=visit, by=practitioner, key=None, name="one.mp4", length=10)
    one = count_queries(client, url)
    for n in range(5):
        start_upload(
            visit=visit, by=practitioner, key=f"00000000-0000-4000-8000-00000000000{n}",
            name=f"more-{n}.mp4", length=10,
        )  # fmt: skip
    assert count_queries(client, url) == one
    text = page_text(client.get(url))
    assert "more-4.mp4" in text and "Uploading" in text
    assert "Films are destroyed 60 days after the programme ends" in text


def test_the_checking_page_refreshes_itself_only_while_checking(
    staff_client, practitioner, visit, films, tmp_path
):
    from films.actions import checking, receive_file

    copy = tmp_path / "f.mp4"
    copy.write_bytes(films["mp4"].read_bytes())

    class Upload:
        name, size = "f.mp4", copy.stat().st_size

        def temporary_file_path(self):
            return str(copy)

    film = receive_file(visit=visit, by=practitioner, uploaded_file=Upload(), key=None)
    client = staff_client(practitioner)
    page = client.get(films_url("film", visit, film.public_id)).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "js/films/status.js" in page and "Checking the film" in page
    status = client.get(films_url("status", visit, film.public_id))
    assert status.json() == {"state": "checking", "label": "Checking"}
    checking.check_film(film.pk)
    page = client.get(films_url("film", visit, film.public_id)).content.decode()
    assert 'http-equiv="refresh"' not in page and "status.js" not in page
    assert client.get(films_url("status", visit, film.public_id)).json()["state"] == "ready"


def test_the_demo_film_is_ready_to_watch(practitioner, visit, films_storage):
    messages = []
    film = demo.add_ready_film(visit=visit, by=practitioner, seconds=2, write=messages.append)
    assert film.state == FilmState.READY
    assert film.duration_seconds == pytest.approx(2, abs=0.2)
    assert messages == [f"Added a ready demo film (2 seconds) to {visit}."]
    assert demo.add_ready_film(visit=visit, by=practitioner, write=messages.append) == film


def test_without_ffmpeg_the_demo_says_so_and_adds_nothing(
    settings, practitioner, visit, films_storage
):
    settings.FFMPEG_BINARY = "/nonexistent/ffmpeg"
    messages = []
    assert demo.add_ready_film(visit=visit, by=practitioner, write=messages.append) is None
    assert messages == ["Skipped the demo film: ffmpeg is not installed (apt-get install ffmpeg)."]
    assert not Film.objects.exists()


def test_a_broker_outage_at_withdrawal_is_logged_and_left_to_the_sweep(
    monkeypatch, caplog, practitioner, programme, ready_film, django_capture_on_commit_callbacks
):
    def down(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.destroy_family_films, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(
            programme=programme,
            caregiver=programme.referral.caregivers.first(),
            scopes=[Scope.FILMING],
            by=practitioner,
        )
    assert "Could not queue destroying films" in caplog.text
    ready_film.refresh_from_db()
    assert ready_film.state == FilmState.READY
    from films.sweep import sweep

    sweep()
    ready_film.refresh_from_db()
    assert ready_film.state == FilmState.DESTROYED


def test_a_recording_stops_at_the_size_cap(settings, staff_client, practitioner, visit):
    settings.FILM_MAX_UPLOAD_BYTES = 1000
    client = staff_client(practitioner)
    upload = client.post(
        films_url("upload_start", visit),
        {"key": "c" * 8 + "-cccc-4ccc-8ccc-" + "c" * 12, "name": "Rec", "source": "recording"},
    ).json()
    ok = client.generic("PATCH", upload["upload"], b"x" * 800, HTTP_UPLOAD_OFFSET="0")
    assert ok.status_code == 200
    over = client.generic("PATCH", upload["upload"], b"x" * 800, HTTP_UPLOAD_OFFSET="800")
    assert over.status_code == 413
    assert "larger than 1000 bytes" in over.json()["error"]
    assert Film.objects.get().upload.offset == 800
