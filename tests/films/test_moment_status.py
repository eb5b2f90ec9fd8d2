"""The micro-analysis page while a clip is cut: the script's status URL (scoped, not
an audited view), and the no-JavaScript refresh that is recorded once per visit."""

import json

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from films import actions
from films.actions import cutting as cutting_module
from films.models import MomentState

pytestmark = pytest.mark.django_db


def url(name, film, *args):
    visit = film.visit
    return reverse(
        f"films:{name}", args=[film.programme.reference, visit.public_id, film.public_id, *args]
    )


def views():
    return AuditEvent.objects.filter(action="programme.viewed").count()


@pytest.fixture
def cutting(film, practitioner):
    # No on-commit callbacks run: the task is never sent, the clip stays "cutting".
    return actions.add_clip(
        film=film,
        start_ms=0,
        end_ms=2_000,
        title="First look",
        principles=["attentive"],
        by=practitioner,
    )


def test_the_page_polls_the_cutting_clip_and_refreshes_without_javascript(
    staff_client, practitioner, film, cutting
):
    client = staff_client(practitioner)
    html = client.get(url("analysis", film)).content.decode()
    status = url("moment_status", film, cutting.public_id)
    assert f'data-moment-status="{status}"' in html
    assert "js/films/moment_status.js" in html
    assert 'content="10; url=?refresh=1"' in html


def test_the_status_says_cutting_then_sends_the_ready_item(
    staff_client, practitioner, film, cutting
):
    client = staff_client(practitioner)
    before = views()
    response = client.get(url("moment_status", film, cutting.public_id))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = json.loads(response.content)
    assert body["state"] == "cutting"
    cutting_module.cut(cutting.kind, cutting.pk, cutting.cut_version)
    body = json.loads(client.get(url("moment_status", film, cutting.public_id)).content)
    assert body["state"] == MomentState.READY
    assert f'id="moment-{cutting.public_id}"' in body["html"]
    assert "data-moment-status" not in body["html"]
    assert "1. First look" in body["html"]
    assert "<video" in body["html"] and "moment_play" not in body["html"]
    assert "/play/?t=" in body["html"]
    # Asked every few seconds: never an audited view of the record.
    assert views() == before


def test_the_status_is_for_those_who_may_change_the_film_only(
    staff_client, outsider, team_lead, film, cutting
):
    status = url("moment_status", film, cutting.public_id)
    assert staff_client(outsider).get(status).status_code == 404
    assert staff_client(team_lead).get(status).status_code == 200


def test_a_refresh_is_not_a_new_audited_view_but_a_new_visit_is(
    staff_client, practitioner, film, cutting
):
    client = staff_client(practitioner)
    page = url("analysis", film)
    client.get(page)
    assert views() == 1
    for _ in range(3):
        assert client.get(page + "?refresh=1").status_code == 200
    assert views() == 1
    client.get(page)
    assert views() == 2


def test_a_refresh_with_no_recorded_visit_is_recorded(staff_client, practitioner, film, cutting):
    staff_client(practitioner).get(url("analysis", film) + "?refresh=1")
    assert views() == 1
