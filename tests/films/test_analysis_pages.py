"""The micro-analysis page without JavaScript: marking clips and stills with the
forms, the list playable in place, who may see it, and its query budget."""

import re

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, Role
from consent.actions import withdraw_consent
from consent.models import Scope
from films import actions
from films.models import Clip, MomentState, Still
from tests.factories import UserFactory
from tests.helpers import errors, signed_in_client, text

pytestmark = pytest.mark.django_db


def url(name, film, *args):
    visit = film.visit
    return reverse(
        f"films:{name}", args=[film.programme.reference, visit.public_id, film.public_id, *args]
    )


@pytest.fixture
def guider(staff_client, practitioner):
    return staff_client(practitioner)


def clip_data(**overrides):
    return {
        "form": "clip",
        "clip-start": "0:01.5",
        "clip-end": "3.5",
        "clip-title": "He looks up at her",
        "clip-principles": ["attentive", "receiving"],
        "clip-note": "A long look, then a smile.",
        **overrides,
    }


def test_the_page_shows_the_player_its_shortcuts_and_the_forms(guider, film):
    response = guider.get(url("analysis", film))
    assert response.status_code == 200
    page = text(response)
    assert "Micro-analysis" in page
    assert "Keyboard shortcuts for the player" in page
    for what in (
        "Mark the start of a clip here",
        "One frame back (while paused)",
        "Save the marked clip",
    ):
        assert what in page
    assert "Being attentive (turning towards" in page
    assert 'data-frame-rate="25.0"' in response.content.decode()


def test_a_clip_marked_with_the_form_is_cut_and_listed(
    guider, film, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = guider.post(url("analysis", film), clip_data(**{"clip-start": "1.5s"}))
    assert response.status_code == 302
    clip = Clip.objects.get()
    assert (clip.start_ms, clip.end_ms, clip.state) == (1_500, 3_500, MomentState.READY)
    assert clip.principles == ["attentive", "receiving"]
    page = guider.get(url("analysis", film))
    html = page.content.decode()
    assert "He looks up at her" in text(page)
    assert "0:01.5 to 0:03.5 (2 seconds)" in text(page)
    src = re.search(r'<source src="([^"]+)" type="video/mp4">\s*</video>', html).group(1)
    played = guider.get(src.replace("&amp;", "&"), HTTP_RANGE="bytes=0-")
    assert played.status_code == 206
    assert played["Cache-Control"] == "private, no-store"
    assert AuditEvent.objects.filter(action="moment.played").count() == 1


def test_a_still_is_taken_with_its_form(guider, film, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = guider.post(
            url("analysis", film),
            {
                "form": "still",
                "still-at": "2.04",
                "still-caption": "Eyes meet",
                "still-principles": ["receiving"],
            },
        )
    assert response.status_code == 302
    still = Still.objects.get()
    assert (still.at_ms, still.state) == (2_040, MomentState.READY)
    html = guider.get(url("analysis", film)).content.decode()
    src = re.search(r'<img class="app-moment__still" src="([^"]+)"', html).group(1)
    image = guider.get(src.replace("&amp;", "&"))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"clip-end": "0:01"}, "The end must be after the start"),
        ({"clip-end": "9"}, "The end must be within the film, which is 6 seconds long"),
        ({"clip-end": "2"}, "A clip must be at least 1 second long"),
        ({"clip-start": "soon"}, "Enter a time like 1:02.5, 62.5 or 1m 2.5s"),
        ({"clip-principles": ["kindness"]}, "Choose principles from the list"),
        ({"clip-principles": []}, "Choose at least one of the principles this moment shows"),
        ({"clip-title": ""}, "Enter a title for the clip"),
    ],
)
def test_bad_marks_are_explained_on_the_page(guider, film, overrides, message):
    response = guider.post(url("analysis", film), clip_data(**overrides))
    assert response.status_code == 200
    assert message in errors(response)
    assert not Clip.objects.exists()


def test_a_double_clicked_save_makes_one_clip(guider, film):
    data = clip_data(**{"clip-key": "5b2b3c1e-9d7f-4a55-8c61-2f1f0a7f3b10"})
    guider.post(url("analysis", film), data)
    guider.post(url("analysis", film), data)
    assert Clip.objects.count() == 1


def test_a_film_that_is_not_ready_offers_no_marking(guider, film):
    film.state = "checking"
    film.save(update_fields=["state"])
    response = guider.post(url("analysis", film), clip_data())
    assert "once the film has been checked and is ready" in text(response)
    assert not Clip.objects.exists()


def test_observational_notes_are_saved_and_audited(guider, film):
    guider.post(url("analysis", film), {"form": "notes", "notes-observations": "Calm start."})
    film.refresh_from_db()
    assert film.observations == "Calm start."
    assert AuditEvent.objects.filter(action="film.observations_saved").count() == 1


def test_changing_and_removing_a_clip(
    guider, film, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        clip = actions.add_clip(
            film=film,
            start_ms=0,
            end_ms=2_000,
            title="One",
            principles=["guiding"],
            by=practitioner,
        )
    page = guider.get(url("moment", film, clip.public_id))
    assert page.status_code == 200
    assert 'value="0:00"' in page.content.decode() or 'value="0"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = guider.post(
            url("moment", film, clip.public_id),
            {"start": "1", "end": "3", "title": "One, later", "principles": ["guiding"]},
        )
    assert response.status_code == 302
    clip.refresh_from_db()
    assert (clip.start_ms, clip.cut_version, clip.state) == (1_000, 2, MomentState.READY)
    response = guider.post(url("moment_remove", film, clip.public_id))
    assert response.status_code == 302
    clip.refresh_from_db()
    assert clip.state == MomentState.DESTROYED
    assert guider.get(url("moment", film, clip.public_id)).status_code == 404


def test_outsiders_get_404_on_every_micro_analysis_url(
    staff_client, outsider, film, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        clip = actions.add_clip(
            film=film,
            start_ms=0,
            end_ms=2_000,
            title="One",
            principles=["guiding"],
            by=practitioner,
        )
    client = staff_client(outsider)
    for name, args in [
        ("analysis", ()),
        ("moment", (clip.public_id,)),
        ("moment_play", (clip.public_id,)),
        ("moment_status", (clip.public_id,)),
        ("moment_move", (clip.public_id,)),
        ("moment_remove", (clip.public_id,)),
    ]:
        for method in ("get", "post"):
            response = getattr(client, method)(url(name, film, *args))
            assert response.status_code == 404, (name, method)


@pytest.fixture
def supervisor(team, practitioner):
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR, full_name="Sue Supervisor")
    practitioner.supervisor = supervisor
    practitioner.save(update_fields=["supervisor"])
    return supervisor


def test_a_supervisor_plays_clips_only_while_the_family_agrees(
    supervisor, film, practitioner, django_capture_on_commit_callbacks
):
    from films.presenters import moment_items

    with django_capture_on_commit_callbacks(execute=True):
        clip = actions.add_clip(
            film=film,
            start_ms=0,
            end_ms=2_000,
            title="One",
            principles=["guiding"],
            by=practitioner,
        )
    clip.refresh_from_db()
    clip.film = film
    client = signed_in_client(supervisor)
    src = moment_items([clip], supervisor, where="supervision")[0].play_url
    assert client.get(src).status_code == 200
    # The micro-analysis page itself is the guider's and the team leads': 403.
    assert client.get(url("analysis", film)).status_code == 403
    programme = film.programme
    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.SUPERVISOR],
        reason="Only our guider",
        by=practitioner,
    )
    assert client.get(src).status_code == 404
    # The guider still plays it.
    guider_src = moment_items([clip], practitioner, where="analysis")[0].play_url
    assert signed_in_client(practitioner).get(guider_src).status_code == 200


def test_the_page_takes_the_same_queries_for_2_or_40_moments(guider, film, practitioner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        common = {
            "film": film,
            "programme": film.programme,
            "principles": ["attentive"],
            "position": n + 1,
            "created_by": practitioner,
        }
        if n % 2:
            Still.objects.create(at_ms=n * 100, caption=f"Still {n}", **common)
        else:
            Clip.objects.create(start_ms=0, end_ms=2_000, title=f"Clip {n}", **common)

    address = url("analysis", film)
    counts = {}
    for n in range(40):
        add(n)
        if n + 1 in (2, 40):
            with CaptureQueriesContext(connection) as queries:
                response = guider.get(address)
            assert response.status_code == 200
            assert text(response).count("Cutting") >= n + 1
            counts[n + 1] = len(queries)
    assert counts[2] == counts[40] <= 15, counts


def test_marks_for_other_uses_are_offered_only_with_consent(
    guider, film, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        clip = actions.add_clip(
            film=film,
            start_ms=0,
            end_ms=2_000,
            title="One",
            principles=["guiding"],
            by=practitioner,
        )
    page = guider.get(url("moment", film, clip.public_id))
    assert "Can be used in training or presentations" in text(page)
    programme = film.programme
    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.TRAINING],
        reason="Not for training",
        by=practitioner,
    )
    page = guider.get(url("moment", film, clip.public_id))
    assert "Can be used in training or presentations" not in text(page)
    assert "has not agreed to their clips being used in training" in text(page)
    assert "Can be shown in group supervision" in text(page)
