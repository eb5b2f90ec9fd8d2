"""Checking and the canonical copy, with real ffmpeg on films made in the test.

Each film is uploaded with the plain form and checked by the task after commit
(inline here): a film from a phone, an iPhone's turned HEVC film with its
location, a browser recording, an old 3GP — all become one upright, metadata-free
H.264/AAC MP4 with a poster; a text file, a sound file, a truncated film and an
over-long film are refused in plain words and leave no file behind.
"""

import hashlib
import subprocess

import pytest

from accounts.models import AuditEvent
from films.models import Film, FilmState
from films.storage import COPY, POSTER
from tests.films import media
from tests.films.conftest import films_url, stored_files, upload_file
from tests.helpers import text as page_text

pytestmark = pytest.mark.django_db


def upload_and_check(client, visit, path, capture, **kwargs):
    with capture(execute=True):
        response = upload_file(client, visit, path, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    film = Film.objects.get()
    assert response.url == films_url("film", visit, film.public_id)
    return film


def assert_canonical(film, root):
    copy = root / film.folder / COPY
    assert stored_files(root) == [f"{film.folder}/{COPY}", f"{film.folder}/{POSTER}"]
    info = media.probe(copy)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert video["codec_name"] == "h264"
    assert video["pix_fmt"] == "yuv420p"
    assert info["format"]["format_name"].startswith("mov,mp4")
    assert film.size == copy.stat().st_size
    assert film.sha256 == hashlib.sha256(copy.read_bytes()).hexdigest()
    assert (root / film.folder / POSTER).read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG
    # faststart: the index comes before the pictures, so playback starts at once.
    head = copy.read_bytes()[:4096]
    assert head.find(b"moov") != -1 and head.find(b"moov") < max(head.find(b"mdat"), 4096)
    return info


def test_a_phone_film_becomes_a_ready_canonical_copy(
    staff_client, practitioner, visit, films, films_storage, django_capture_on_commit_callbacks
):
    client = staff_client(practitioner)
    film = upload_and_check(client, visit, films["mp4"], django_capture_on_commit_callbacks)
    film.refresh_from_db()
    assert film.state == FilmState.READY
    assert film.original_name == "baby.mp4"
    assert film.original_codecs == "h264, aac"
    assert film.original_container.startswith("mov,mp4")
    assert film.duration_seconds == pytest.approx(2, abs=0.2)
    assert (film.width, film.height) == (320, 240)
    assert film.filmed_by == practitioner
    assert film.original == "" and film.ready_at is not None
    info = assert_canonical(film, films_storage)
    assert any(s["codec_name"] == "aac" for s in info["streams"])
    actions = list(
        AuditEvent.objects.filter(target_type="films.film", target_id=str(film.pk))
        .order_by("created_at")
        .values_list("action", flat=True)
    )
    assert actions == ["film.uploaded", "film.ready"]

    page = client.get(films_url("film", visit, film.public_id))
    text = page_text(page)
    assert "Ready" in text and "2 seconds" in text and "320 × 240 pixels" in text
    assert "<video" in page.content.decode()
    assert "download" not in page.content.decode().replace('controlslist="nodownload"', "")


def test_an_iphone_film_is_turned_upright_and_loses_its_location(
    staff_client, practitioner, visit, films, films_storage, django_capture_on_commit_callbacks
):
    original = media.probe(films["mov"])
    assert original["format"]["tags"]["location"] == "+51.5074-000.1278/"
    film = upload_and_check(
        staff_client(practitioner), visit, films["mov"], django_capture_on_commit_callbacks
    )
    film.refresh_from_db()
    assert film.state == FilmState.READY, film.rejection_reason
    assert film.original_codecs == "hevc, aac"
    # Stored 320×240 and turned 90°: the copy is upright, 240 wide and 320 high.
    assert (film.width, film.height) == (240, 320)
    info = assert_canonical(film, films_storage)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"]) == (240, 320)
    assert not video.get("side_data_list")
    tags = {**info["format"].get("tags", {})}
    for stream in info["streams"]:
        tags.update(stream.get("tags", {}))
    assert not any("location" in key.lower() for key in tags)
    assert "make" not in tags and "model" not in tags
    raw = (films_storage / film.folder / COPY).read_bytes()
    assert b"51.5074" not in raw and b"Apple" not in raw and b"iPhone" not in raw


@pytest.mark.parametrize("kind, codecs", [("webm", "vp9, opus"), ("3gp", "mpeg4, aac")])
def test_browser_recordings_and_old_phone_films_are_accepted(
    kind,
    codecs,
    staff_client,
    practitioner,
    visit,
    films,
    films_storage,
    django_capture_on_commit_callbacks,
):
    film = upload_and_check(
        staff_client(practitioner), visit, films[kind], django_capture_on_commit_callbacks
    )
    film.refresh_from_db()
    assert film.state == FilmState.READY, film.rejection_reason
    assert film.original_codecs == codecs
    assert_canonical(film, films_storage)


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("text", "This file is not a video the service can read."),
        ("audio", "This file has sound but no picture."),
        ("truncated", "This film is damaged or incomplete."),
    ],
)
def test_what_is_not_a_whole_film_is_refused_in_plain_words_and_nothing_is_kept(
    kind,
    reason,
    staff_client,
    practitioner,
    visit,
    films,
    films_storage,
    django_capture_on_commit_callbacks,
):
    client = staff_client(practitioner)
    film = upload_and_check(client, visit, films[kind], django_capture_on_commit_callbacks)
    film.refresh_from_db()
    assert film.state == FilmState.REJECTED
    assert film.rejection_reason.startswith(reason)
    assert stored_files(films_storage) == []
    assert film.original == "" and film.file == ""
    assert AuditEvent.objects.filter(action="film.rejected", target_id=str(film.pk)).exists()
    page = page_text(client.get(films_url("film", visit, film.public_id)))
    assert "This film was not accepted" in page and reason in page
    assert "Nothing from this upload has been kept." in page


def test_a_film_longer_than_the_service_allows_is_refused(
    settings,
    staff_client,
    practitioner,
    visit,
    films,
    films_storage,
    django_capture_on_commit_callbacks,
):
    settings.FILM_MAX_SECONDS = 1
    film = upload_and_check(
        staff_client(practitioner), visit, films["mp4"], django_capture_on_commit_callbacks
    )
    film.refresh_from_db()
    assert film.state == FilmState.REJECTED
    assert film.rejection_reason.startswith(
        "This film is 2 seconds long. Films can be up to 1 second."
    )
    assert stored_files(films_storage) == []


def test_a_browser_recording_without_a_stated_length_is_measured_by_decoding(
    settings, tmp_path, practitioner, visit, films_storage
):
    """MediaRecorder's WebM states no duration; decoding finds the real length."""
    from films.actions import checking, receive_file

    unsized = tmp_path / "live.webm"
    # Streamed WebM (as a recorder writes it, to a pipe) has no duration in its header.
    with open(unsized, "wb") as out:
        subprocess.run(  # noqa: S603
            [media.FFMPEG, "-v", "error", *media.LAVFI, media.TONE, "-t", "3", "-c:v", "libvpx",
             "-deadline", "realtime", "-c:a", "libopus", "-f", "webm", "pipe:1"],
            stdout=out, check=True, timeout=60,
        )  # fmt: skip
    settings.FILM_MAX_SECONDS = 2

    class Upload:
        name, size = "live.webm", unsized.stat().st_size

        def temporary_file_path(self):
            return str(unsized)

    film = receive_file(visit=visit, by=practitioner, uploaded_file=Upload(), key=None)
    checking.check_film(film.pk)
    film.refresh_from_db()
    assert film.state == FilmState.REJECTED
    assert "is 3 seconds long" in film.rejection_reason


def test_a_check_delivered_twice_does_the_work_once(
    staff_client, practitioner, visit, films, django_capture_on_commit_callbacks
):
    from films.tasks import check_film

    film = upload_and_check(
        staff_client(practitioner), visit, films["mp4"], django_capture_on_commit_callbacks
    )
    # A second delivery of the same message, run here and now.
    assert check_film.apply((film.pk,)).get() is None
    assert AuditEvent.objects.filter(action="film.ready").count() == 1
