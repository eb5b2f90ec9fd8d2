"""Destroying films on time: on withdrawal (at once, or by the sweep if the worker is
down), at the end of the retention period, or when a practitioner removes one —
always with the bytes gone and a proof row and audit event kept."""

import os
import time
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accounts.models import AuditEvent
from consent.actions import withdraw_consent
from consent.models import Scope
from films import queries, tasks
from films.models import Film, FilmDestruction, FilmState, Why
from films.sweep import sweep
from sessions import actions as programme_actions
from sessions.models import Attendance
from tests.films.conftest import films_url, stored_files
from tests.helpers import errors as error_summary
from tests.helpers import text as page_text

pytestmark = pytest.mark.django_db


def withdraw(programme, by, scopes=(Scope.FILMING,)):
    return withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=list(scopes),
        reason="Changed my mind",
        by=by,
    )


def assert_destroyed(film, root, why):
    film.refresh_from_db()
    assert film.state == FilmState.DESTROYED
    assert film.file == "" and film.poster == "" and film.original == ""
    assert not (root / film.folder).exists()
    proof = FilmDestruction.objects.get(film=film)
    assert proof.why == why
    assert proof.sha256 and proof.size and proof.duration_seconds
    assert AuditEvent.objects.filter(action="film.destroyed", target_id=str(film.pk)).count() == 1
    return proof


@pytest.mark.parametrize("scope", [Scope.FILMING, Scope.KEEP_FILM])
def test_withdrawal_destroys_the_familys_films_at_once(
    scope, practitioner, programme, ready_film, films_storage, django_capture_on_commit_callbacks
):
    sha256 = ready_film.sha256
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(programme, practitioner, [scope])
    proof = assert_destroyed(ready_film, films_storage, Why.WITHDRAWAL)
    assert proof.sha256 == sha256
    assert proof.destroyed_by is None and proof.destroyed_by_label == "consent withdrawal"
    assert stored_files(films_storage) == []


def test_withdrawing_only_a_further_use_keeps_the_film(
    practitioner, programme, ready_film, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(programme, practitioner, [Scope.TRAINING])
    ready_film.refresh_from_db()
    assert ready_film.state == FilmState.READY


def test_with_the_worker_down_the_sweep_destroys_after_a_withdrawal(
    monkeypatch, practitioner, programme, ready_film, films_storage,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    queued = []
    monkeypatch.setattr(tasks.destroy_family_films, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(programme, practitioner)
    assert queued == [programme.pk]  # on the queue, but no worker takes it
    ready_film.refresh_from_db()
    assert ready_film.state == FilmState.READY
    assert stored_files(films_storage)

    steps = [str(step) for step in sweep()]
    assert steps == [
        f"Destroyed film {ready_film.public_id} of {programme.reference} (consent withdrawn)"
    ]
    proof = assert_destroyed(ready_film, films_storage, Why.WITHDRAWAL)
    assert proof.destroyed_by_label == "films sweep"
    assert stored_files(films_storage) == []
    # The late task, and the next sweep, find nothing more to do.
    assert tasks.destroy_family_films.run(programme.pk) == 0
    assert sweep() == []
    assert FilmDestruction.objects.count() == 1


def test_the_sweep_works_from_consent_records_not_events(
    practitioner, programme, ready_film, films_storage
):
    """A "no" recorded on a new consent form (no withdrawal event at all) counts too."""
    from tests.helpers import give_consent

    give_consent(programme, practitioner, except_scopes=[Scope.KEEP_FILM])
    sweep()
    assert_destroyed(ready_film, films_storage, Why.WITHDRAWAL)


def test_films_are_destroyed_the_set_number_of_days_after_the_programme_ends(
    settings, practitioner, programme, ready_film, films_storage
):
    settings.FILM_RETENTION_DAYS = 60
    assert ready_film.destroy_on is None
    assert queries.destroy_date(programme) is None
    today = timezone.localdate()
    programme.state, programme.ended_on, programme.end_reason = "completed", today, "completed"
    programme.save()
    ready_film.programme.refresh_from_db()
    assert ready_film.destroy_on == today + timedelta(days=60)
    assert queries.destroy_date(programme) == today + timedelta(days=60)

    with time_machine.travel(timezone.now() + timedelta(days=59), tick=False):
        assert sweep() == []
    with time_machine.travel(timezone.now() + timedelta(days=60, hours=1), tick=False):
        steps = [str(step) for step in sweep()]
    assert steps == [
        f"Destroyed film {ready_film.public_id} of {programme.reference} (retention period ended)"
    ]
    proof = assert_destroyed(ready_film, films_storage, Why.RETENTION)
    assert proof.destroyed_by_label == "films sweep"


def test_a_dry_run_lists_the_work_and_changes_nothing(
    practitioner, programme, ready_film, films_storage, monkeypatch
):
    monkeypatch.setattr(tasks.destroy_family_films, "delay", lambda *a: None)
    withdraw(programme, practitioner)
    steps = [str(step) for step in sweep(dry_run=True)]
    assert steps == [
        f"Would destroy film {ready_film.public_id} of {programme.reference} (consent withdrawn)"
    ]
    ready_film.refresh_from_db()
    assert ready_film.state == FilmState.READY
    assert not FilmDestruction.objects.exists()


def test_manage_py_sweep_runs_every_periodic_sweep_once(
    capsys, practitioner, programme, ready_film, films_storage, monkeypatch
):
    monkeypatch.setattr(tasks.destroy_family_films, "delay", lambda *a: None)
    withdraw(programme, practitioner)
    call_command("sweep", "--dry-run")
    out = capsys.readouterr().out
    assert "clear-expired-sessions: would run accounts.tasks.clear_expired_sessions" in out
    assert f"  Would destroy film {ready_film.public_id}" in out
    ready_film.refresh_from_db()
    assert ready_film.state == FilmState.READY

    call_command("sweep")
    out = capsys.readouterr().out
    assert "clear-expired-sessions: 0" in out
    assert f"  Destroyed film {ready_film.public_id}" in out
    assert_destroyed(ready_film, films_storage, Why.WITHDRAWAL)


def test_a_practitioner_removes_a_film_added_by_mistake(
    staff_client, practitioner, visit, ready_film, films_storage
):
    client = staff_client(practitioner)
    url = films_url("remove", visit, ready_film.public_id)
    page = client.get(url)
    assert "This can't be undone" in page.content.decode()
    assert error_summary(client.post(url, {"reason": ""})) == ["Say why you are removing this film"]
    response = client.post(url, {"reason": "Uploaded to the wrong family"})
    assert response.status_code == 302 and response.url == films_url("index", visit)
    proof = assert_destroyed(ready_film, films_storage, Why.REMOVED)
    assert proof.destroyed_by == practitioner
    assert proof.reason == "Uploaded to the wrong family"
    page = page_text(client.get(films_url("film", visit, ready_film.public_id)))
    assert "This film was destroyed on" in page and "removed by a practitioner" in page
    assert "Uploaded to the wrong family" in page
    again = client.post(url, {"reason": "Twice"})
    assert "already been removed" in page_text(again)
    assert FilmDestruction.objects.count() == 1


def test_destruction_proof_cannot_be_changed_or_deleted(practitioner, ready_film):
    from django.core.exceptions import ValidationError

    from films.actions import remove_film

    proof = remove_film(film=ready_film, by=practitioner, reason="Wrong visit")
    with pytest.raises(ValidationError):
        proof.save()
    with pytest.raises(ValidationError):
        proof.delete()


def test_the_case_timeline_says_a_film_was_destroyed_and_why(
    practitioner, programme, ready_film, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(programme, practitioner)
    titles = [event.title for event in queries.timeline_events(programme)]
    assert titles == ["Film destroyed (consent withdrawn)", "Film added"]


def test_an_upload_left_unfinished_is_deleted_by_the_sweep(
    settings, staff_client, practitioner, visit, films_storage
):
    client = staff_client(practitioner)
    upload = client.post(
        films_url("upload_start", visit),
        {"key": "b" * 8 + "-bbbb-4bbb-8bbb-" + "b" * 12, "name": "big.mp4", "size": 1000},
    ).json()
    client.generic("PATCH", upload["upload"], b"x" * 100, HTTP_UPLOAD_OFFSET="0")
    assert sweep() == []
    later = timezone.now() + timedelta(hours=settings.FILM_UPLOAD_ABANDON_HOURS, minutes=1)
    with time_machine.travel(later, tick=False):
        steps = [str(step) for step in sweep()]
    film = Film.objects.get()
    assert steps == [
        f"Deleted film {film.public_id} of {visit.programme.reference} (upload left unfinished)"
    ]
    assert film.__class__.objects.get().state == FilmState.REJECTED
    assert stored_files(films_storage) == []


def test_a_check_that_never_started_is_queued_again_and_a_failing_one_rejected(
    practitioner, visit, films, tmp_path, monkeypatch
):
    from films.actions import receive_file

    copy = tmp_path / "f.mp4"
    copy.write_bytes(films["mp4"].read_bytes())

    class Upload:
        name, size = "f.mp4", copy.stat().st_size

        def temporary_file_path(self):
            return str(copy)

    film = receive_file(visit=visit, by=practitioner, uploaded_file=Upload(), key=None)
    queued = []
    monkeypatch.setattr(tasks.check_film, "delay", queued.append)
    with time_machine.travel(timezone.now() + timedelta(minutes=11), tick=False):
        assert [step.what for step in sweep()] == ["Queued"]
    assert queued == [film.pk]
    Film.objects.filter(pk=film.pk).update(check_attempts=3, check_started_at=timezone.now())
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        assert [step.what for step in sweep()] == ["Rejected"]
    film.refresh_from_db()
    assert film.state == FilmState.REJECTED
    assert film.rejection_reason.startswith("The service could not finish checking this film.")


def test_files_that_belong_to_no_live_film_are_deleted(practitioner, films_storage):
    stray = films_storage / "0b8a3c47-5f0e-4a0e-9d2a-6a1c3f9b7e11"
    stray.mkdir(parents=True)
    (stray / "film.mp4").write_bytes(b"left behind")
    old = time.time() - 2 * 3600
    os.utime(stray, (old, old))
    steps = [str(step) for step in sweep()]
    assert steps == ["Deleted (files 0b8a3c47-5f0e-4a0e-9d2a-6a1c3f9b7e11/)"]
    assert not stray.exists()


def test_attendance_changes_do_not_unmake_a_film(practitioner, visit, ready_film):
    """Recording the visit differently later leaves the film; only consent and time end it."""
    programme_actions.record_outcome(visit=visit, attendance=Attendance.LATE_SEEN, by=practitioner)
    assert sweep() == []
