"""A family whose filming visit took place with filming and keeping-the-film
consent in force, films made with real ffmpeg, and a private films storage of
the test's own."""

import shutil
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sessions.models import VisitKind
from tests.films import media, moments
from tests.helpers import attended, give_consent, open_programme

if not shutil.which("ffmpeg") or not shutil.which("ffprobe"):
    pytest.skip("The films tests need ffmpeg: apt-get install -y ffmpeg", allow_module_level=True)


@pytest.fixture(autouse=True)
def films_storage(settings, tmp_path):
    """Each test's films live in its own private folder."""
    root = tmp_path / "private" / "films"
    settings.STORAGES = {
        **settings.STORAGES,
        "films": {**settings.STORAGES["films"], "OPTIONS": {"location": str(root)}},
    }
    return root


@pytest.fixture(scope="session")
def films(tmp_path_factory):
    """Test films by kind, made once per run."""
    folder = tmp_path_factory.mktemp("films")
    mp4 = media.h264_mp4(folder / "baby.mp4")
    return {
        "mp4": mp4,
        "mov": media.hevc_mov_rotated_with_location(folder / "IMG_0001.MOV"),
        "webm": media.vp9_webm(folder / "recording.webm"),
        "3gp": media.three_gp(folder / "old-phone.3gp"),
        "audio": media.audio_only(folder / "voice-note.m4a"),
        "truncated": media.truncated(mp4, folder / "cut-short.mp4"),
        "text": _text(folder / "notes.mp4"),
    }


def _text(path):
    path.write_text("Shopping list: nappies, wipes, milk.\n" * 20)
    return path


@pytest.fixture
def programme(team, team_lead, practitioner):
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    give_consent(programme, practitioner)
    return programme


@pytest.fixture
def visit(programme, practitioner):
    """The filming visit, attended yesterday."""
    return attended(programme, practitioner, kind=VisitKind.FILMING)


def films_url(name, visit, *args):
    return reverse(f"films:{name}", args=[visit.programme.reference, visit.public_id, *args])


def upload_file(client, visit, path, *, name=None, key=None):
    """Post a film with the plain form (as with JavaScript off)."""
    content = path.read_bytes()
    return client.post(
        films_url("add", visit),
        {
            "key": str(key or uuid.uuid4()),
            "film": SimpleUploadedFile(name or path.name, content, content_type="video/mp4"),
        },
    )


def stored_files(root):
    """Every file in the films storage (the request bodies' folder included)."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def ready_film(visit, practitioner, films, tmp_path):
    """A ready film at the visit, through the same actions as a real upload."""
    from films.actions import checking, receive_file

    copy = tmp_path / "to-upload.mp4"
    copy.write_bytes(films["mp4"].read_bytes())

    class Upload:
        name, size = "baby.mp4", copy.stat().st_size

        def temporary_file_path(self):
            return str(copy)

    film = receive_file(visit=visit, by=practitioner, uploaded_file=Upload(), key=None)
    checking.check_film(film.pk)  # (already done after commit in a transactional test)
    film.refresh_from_db()
    assert film.state == "ready", film.rejection_reason
    return film


@pytest.fixture(scope="session")
def colour_film(tmp_path_factory):
    return moments.red_then_blue(tmp_path_factory.mktemp("moments") / "red-blue.mp4")


@pytest.fixture
def film(visit, practitioner, colour_film, tmp_path):
    """A ready 6-second film at 25 frames a second: red until frame 37, then blue."""
    from films.actions import checking, receive_file

    copy = tmp_path / "upload.mp4"
    copy.write_bytes(colour_film.read_bytes())

    class Upload:
        name, size = "bath-time.mp4", copy.stat().st_size

        def temporary_file_path(self):
            return str(copy)

    film = receive_file(visit=visit, by=practitioner, uploaded_file=Upload(), key=None)
    checking.check_film(film.pk)
    film.refresh_from_db()
    assert film.state == "ready", film.rejection_reason
    assert film.frame_rate == 25
    return film
