"""Adding a film: the plain form, the resumable upload in chunks, a recording,
and every kind of bad input — each gets a clear, kind answer and stores nothing."""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AuditEvent
from consent.actions import withdraw_consent
from consent.models import Scope
from films.models import Film, FilmState, FilmUpload
from films.storage import ORIGINAL
from sessions.models import Attendance, VisitKind
from tests.films.conftest import films_url, stored_files, upload_file
from tests.helpers import attended, give_consent, open_programme, past_visit
from tests.helpers import errors as error_summary
from tests.helpers import text as page_text

pytestmark = pytest.mark.django_db


# --- The plain form (JavaScript off) ----------------------------------------------------


def test_the_upload_page_offers_a_plain_file_form(staff_client, practitioner, visit):
    response = staff_client(practitioner).get(films_url("add", visit))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html and 'accept="video/*"' in html
    assert "up to 2 GB and 20 minutes" in page_text(response)
    # Recording is offered only by the script, where the browser can record.
    assert re.search(r"<section [^>]*data-film-record[^>]*\shidden>", html)


def test_a_double_clicked_upload_makes_one_film(
    staff_client, practitioner, visit, films, films_storage
):
    client = staff_client(practitioner)
    key = uuid.uuid4()
    first = upload_file(client, visit, films["mp4"], key=key)
    second = upload_file(client, visit, films["mp4"], key=key)
    film = Film.objects.get()
    assert first.url == second.url == films_url("film", visit, film.public_id)
    assert stored_files(films_storage) == [f"{film.folder}/{ORIGINAL}"]
    assert AuditEvent.objects.filter(action="film.uploaded").count() == 1


def test_an_empty_file_is_refused_and_nothing_is_stored(
    staff_client, practitioner, visit, films_storage
):
    response = staff_client(practitioner).post(
        films_url("add", visit),
        {"key": str(uuid.uuid4()), "film": SimpleUploadedFile("empty.mp4", b"")},
    )
    assert response.status_code == 200
    assert error_summary(response) == [
        "The selected file is empty. Choose the film you want to upload."
    ]
    assert not Film.objects.exists()
    assert stored_files(films_storage) == []


def test_no_file_chosen_says_what_to_do(staff_client, practitioner, visit):
    response = staff_client(practitioner).post(films_url("add", visit), {"key": str(uuid.uuid4())})
    assert error_summary(response) == ["Choose the film you want to upload."]


def test_a_file_over_the_cap_stops_the_upload_and_leaves_no_partial_file(
    settings, staff_client, practitioner, visit, films, films_storage
):
    settings.FILM_MAX_UPLOAD_BYTES = 50_000
    assert films["mp4"].stat().st_size > 50_000
    response = upload_file(staff_client(practitioner), visit, films["mp4"])
    assert response.status_code == 413
    assert error_summary(response) == [
        "This film is larger than 48.8 kB, the most the service can take. Trim it on the "
        "phone or camera, or film a shorter moment, then upload it again."
    ]
    assert not Film.objects.exists()
    assert stored_files(films_storage) == []


def test_the_handler_stops_reading_at_the_cap(settings, rf, films_storage):
    """The body streams to disk and the cap is enforced while it streams."""
    from django.core.files.uploadhandler import StopUpload

    from films.uploads import TOO_LARGE_FLAG, CappedFileUploadHandler

    settings.FILM_MAX_UPLOAD_BYTES = 100
    request = rf.post("/")
    handler = CappedFileUploadHandler(request)
    handler.new_file("film", "film.mp4", "video/mp4", None)
    partial = handler.file.temporary_file_path()
    handler.receive_data_chunk(b"x" * 64, 0)
    with pytest.raises(StopUpload) as stopped:
        handler.receive_data_chunk(b"x" * 64, 64)
    assert stopped.value.connection_reset
    assert getattr(request, TOO_LARGE_FLAG)
    handler.file.close()  # as the parser does on StopUpload
    assert stored_files(films_storage) == []
    assert not __import__("os").path.exists(partial)


# --- Where a film may not be added ---------------------------------------------------------


def _blocked(client, visit, message):
    response = client.get(films_url("add", visit))
    assert response.status_code == 200
    assert message in page_text(response)
    assert 'type="file"' not in response.content.decode()
    posted = client.post(
        films_url("add", visit),
        {"key": str(uuid.uuid4()), "film": SimpleUploadedFile("f.mp4", b"data")},
    )
    assert message in page_text(posted)
    assert not Film.objects.exists()
    start = client.post(
        films_url("upload_start", visit),
        {"key": str(uuid.uuid4()), "name": "f.mp4", "size": 10},
    )
    assert start.status_code == 400 and start.json()["error"] == message


def test_not_at_a_visit_that_is_not_a_filming_visit(staff_client, practitioner, programme):
    visit = attended(programme, practitioner, kind=VisitKind.FIRST_MEETING)
    _blocked(
        staff_client(practitioner),
        visit,
        "Films can only be added to a filming visit. This is a first meeting visit.",
    )


def test_not_before_the_visit_has_taken_place(staff_client, practitioner, programme):
    visit = past_visit(programme, practitioner, kind=VisitKind.FILMING)
    _blocked(
        staff_client(practitioner),
        visit,
        "A film can be added once the visit has taken place. Record what happened at the "
        "visit first.",
    )


def test_not_when_the_family_did_not_attend(staff_client, practitioner, programme):
    visit = past_visit(
        programme, practitioner, kind=VisitKind.FILMING, attendance=Attendance.DID_NOT_ATTEND
    )
    _blocked(
        staff_client(practitioner),
        visit,
        "This visit did not take place (was not brought), so there is no film to add.",
    )


def test_not_once_filming_consent_is_withdrawn(staff_client, practitioner, programme, visit):
    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.FILMING],
        by=practitioner,
    )
    _blocked(
        staff_client(practitioner),
        visit,
        "The family has not agreed to being filmed, or has withdrawn that consent, so no "
        "film can be added. Check the family's consent.",
    )


def test_not_without_consent_to_keeping_the_film(staff_client, team, team_lead, practitioner):
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    give_consent(programme, practitioner, except_scopes=[Scope.KEEP_FILM])
    visit = attended(programme, practitioner, kind=VisitKind.FILMING)
    _blocked(
        staff_client(practitioner),
        visit,
        "The family has not agreed to the film being kept for the programme, so it can't be "
        "stored. Check the family's consent.",
    )


# --- The resumable upload in chunks ----------------------------------------------------


def start(client, visit, *, size, key=None, name="baby.mp4", source="upload"):
    fields = {"key": str(key or uuid.uuid4()), "name": name, "type": "video/mp4"}
    if size is not None:
        fields["size"] = size
    fields["source"] = source
    return client.post(films_url("upload_start", visit), fields)


def patch(client, url, offset, data):
    return client.generic(
        "PATCH",
        url,
        data,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET=str(offset),
    )


def test_a_film_arrives_in_chunks_resumes_and_is_checked(
    staff_client, practitioner, visit, films, films_storage, django_capture_on_commit_callbacks
):
    client = staff_client(practitioner)
    data = films["mp4"].read_bytes()
    key = uuid.uuid4()
    started = start(client, visit, size=len(data), key=key)
    assert started.status_code == 201
    upload = started.json()
    assert upload["offset"] == 0 and upload["state"] == "receiving"
    film = Film.objects.get()
    assert film.state == FilmState.RECEIVING

    third = len(data) // 3
    first = patch(client, upload["upload"], 0, data[:third])
    assert first.status_code == 200 and first.json()["offset"] == third
    # A chunk sent again after a dropped connection is refused with where to go on from.
    again = patch(client, upload["upload"], 0, data[:third])
    assert again.status_code == 409 and again.json()["offset"] == third
    # After a page reload the same key finds the same upload, and how far it got.
    resumed = start(client, visit, size=len(data), key=key)
    assert resumed.status_code == 200 and resumed.json()["offset"] == third
    status = client.get(upload["upload"])
    assert status["Upload-Offset"] == str(third)

    patch(client, upload["upload"], third, data[third : 2 * third])
    with django_capture_on_commit_callbacks(execute=True):
        last = patch(client, upload["upload"], 2 * third, data[2 * third :])
    assert last.status_code == 200
    assert last.json()["offset"] == len(data)
    assert last.json()["film"] == films_url("film", visit, film.public_id)
    film.refresh_from_db()
    assert film.state == FilmState.READY
    assert film.original_size == len(data)
    assert FilmUpload.objects.get().finished_at is not None
    assert AuditEvent.objects.filter(action="film.upload_started").count() == 1
    assert AuditEvent.objects.filter(action="film.uploaded").count() == 1


def test_an_upload_declared_over_the_cap_is_refused_before_any_byte(
    settings, staff_client, practitioner, visit
):
    settings.FILM_MAX_UPLOAD_BYTES = 1000
    response = start(staff_client(practitioner), visit, size=1001)
    assert response.status_code == 413
    assert response.json()["error"].startswith("This film is larger than 1000 bytes")
    assert not Film.objects.exists()


def test_a_chunk_past_the_declared_end_is_refused(staff_client, practitioner, visit):
    client = staff_client(practitioner)
    upload = start(client, visit, size=10).json()
    response = patch(client, upload["upload"], 0, b"x" * 11)
    assert response.status_code == 400
    assert FilmUpload.objects.get().offset == 0


def test_an_empty_file_cannot_start_an_upload(staff_client, practitioner, visit):
    response = start(staff_client(practitioner), visit, size=0)
    assert response.status_code == 400
    assert response.json()["error"] == (
        "The selected file is empty. Choose the film you want to upload."
    )


def test_cancelling_an_upload_deletes_what_arrived(
    staff_client, practitioner, visit, films_storage
):
    client = staff_client(practitioner)
    upload = start(client, visit, size=100).json()
    patch(client, upload["upload"], 0, b"x" * 40)
    assert stored_files(films_storage)
    response = client.delete(upload["upload"])
    assert response.status_code == 200
    film = Film.objects.get()
    assert film.state == FilmState.REJECTED
    assert stored_files(films_storage) == []
    assert patch(client, upload["upload"], 40, b"x" * 60).status_code == 400


def test_a_recording_arrives_as_it_is_made_and_is_kept(
    staff_client, practitioner, visit, films, films_storage, django_capture_on_commit_callbacks
):
    client = staff_client(practitioner)
    data = films["webm"].read_bytes()
    started = start(client, visit, size=None, name="Recording", source="recording")
    upload = started.json()
    assert upload["length"] is None and "preview" in upload
    offset = 0
    for piece in (data[:5000], data[5000:20000], data[20000:]):
        offset = patch(client, upload["upload"], offset, piece).json()["offset"]
    preview = client.get(upload["preview"], HTTP_RANGE="bytes=0-99")
    assert preview.status_code == 206 and preview["Content-Type"] == "video/mp4"
    with django_capture_on_commit_callbacks(execute=True):
        kept = client.post(f"{upload['upload']}finish/")
    assert kept.status_code == 200
    film = Film.objects.get()
    film.refresh_from_db()
    assert film.state == FilmState.READY, film.rejection_reason
    assert film.source == "recording" and film.original_size == len(data)


def test_a_discarded_recording_leaves_nothing(staff_client, practitioner, visit, films_storage):
    client = staff_client(practitioner)
    upload = start(client, visit, size=None, name="Recording", source="recording").json()
    patch(client, upload["upload"], 0, b"\x1a\x45\xdf\xa3" + b"x" * 100)
    client.delete(upload["upload"])
    film = Film.objects.get()
    assert film.state == FilmState.REJECTED
    assert film.rejection_reason == "You chose not to keep this recording, so it has been deleted."
    assert stored_files(films_storage) == []
    assert AuditEvent.objects.filter(action="film.upload_discarded").count() == 1


def test_an_upload_belongs_to_the_person_who_started_it(
    staff_client, client, practitioner, team_lead, visit
):
    upload = start(staff_client(practitioner), visit, size=100).json()
    from tests.helpers import signed_in_client

    lead = signed_in_client(team_lead)
    assert lead.get(upload["upload"]).status_code == 404
    assert patch(lead, upload["upload"], 0, b"x").status_code == 404
