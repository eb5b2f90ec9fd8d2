"""The shared review player: the filming visit's clips and stills in the
practitioner's order, and a record of which were shown and what the parent noticed."""

import re

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from films import actions
from films.models import ReviewMoment
from sessions.models import VisitKind
from tests.helpers import attended, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def moments(film, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.add_clip(
            film=film,
            start_ms=0,
            end_ms=1_500,
            title="Hello",
            principles=["attentive"],
            by=practitioner,
        )
        second = actions.add_clip(
            film=film,
            start_ms=2_000,
            end_ms=4_000,
            title="Turn-taking",
            principles=["attuned", "receiving"],
            by=practitioner,
        )
        still = actions.add_still(
            film=film, at_ms=1_000, caption="A smile", principles=["receiving"], by=practitioner
        )
    # The practitioner shows the still first.
    actions.move_moment(moment=still, direction="up", by=practitioner)
    actions.move_moment(moment=still, direction="up", by=practitioner)
    return first, second, still


@pytest.fixture
def review_visit(programme, practitioner):
    return attended(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=-1, hour=15)


def player_url(visit):
    return reverse(
        "programmes:visit_review_player", args=[visit.programme.reference, visit.public_id]
    )


def test_the_player_lists_moments_in_the_practitioners_order(
    staff_client, practitioner, moments, review_visit
):
    client = staff_client(practitioner)
    response = client.get(player_url(review_visit))
    assert response.status_code == 200
    page = text(response)
    assert page.index("1. A smile") < page.index("2. Hello") < page.index("3. Turn-taking")
    assert "Developing attuned interactions" in page and "receiving then responding" in page
    assert "Start the shared review" in page
    html = response.content.decode()
    sources = re.findall(r'<source src="([^"]+)"', html)
    assert len(sources) == 2 and all("w=review" in s for s in sources)
    assert client.get(sources[0].replace("&amp;", "&")).status_code == 200
    assert AuditEvent.objects.get(action="moment.played").details["where"] == "shared review"


def test_what_was_shown_and_noticed_is_recorded_once(
    staff_client, practitioner, moments, review_visit
):
    first, second, still = moments
    client = staff_client(practitioner)
    data = {
        f"shown-clip-{first.public_id}": "yes",
        f"noticed-clip-{first.public_id}": "He looked at me straight away",
        f"shown-still-{still.public_id}": "yes",
        f"noticed-clip-{second.public_id}": "not shown, so not kept",
    }
    assert client.post(player_url(review_visit), data).status_code == 302
    assert client.post(player_url(review_visit), data).status_code == 302
    rows = {(r.clip_id, r.still_id): r.parent_noticed for r in ReviewMoment.objects.all()}
    assert rows == {(first.pk, None): "He looked at me straight away", (None, still.pk): ""}
    page = text(client.get(player_url(review_visit)))
    assert "He looked at me straight away" in page
    assert AuditEvent.objects.filter(action="review.moments_recorded").count() == 2


def test_only_a_shared_review_visit_has_a_player(staff_client, practitioner, visit, outsider):
    assert staff_client(practitioner).get(player_url(visit)).status_code == 404


def test_outsiders_get_404(staff_client, outsider, review_visit):
    client = staff_client(outsider)
    assert client.get(player_url(review_visit)).status_code == 404
    assert client.post(player_url(review_visit)).status_code == 404
