"""Playing a film: HTTP Range so it seeks, private caching, audited once per playback,
only while the family's consent is in force, and handed to nginx in production."""

import re

import pytest
from django.utils.http import http_date

from accounts.models import AuditEvent
from consent.actions import withdraw_consent
from consent.models import Scope
from films.storage import COPY
from tests.films.conftest import films_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def player(staff_client, practitioner, visit, ready_film):
    """The film page's client and the player's address (with its play token)."""
    client = staff_client(practitioner)
    page = client.get(films_url("film", visit, ready_film.public_id)).content.decode()
    src = re.search(r'<source src="([^"]+)" type="video/mp4">', page).group(1)
    return client, src.replace("&amp;", "&")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_whole_film_without_a_range(player, ready_film, films_storage):
    client, src = player
    response = client.get(src)
    data = (films_storage / ready_film.folder / COPY).read_bytes()
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == str(len(data))
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert body(response) == data


def test_a_byte_range_is_answered_with_206(player, ready_film, films_storage):
    client, src = player
    data = (films_storage / ready_film.folder / COPY).read_bytes()
    response = client.get(src, HTTP_RANGE="bytes=100-1099")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-1099/{len(data)}"
    assert response["Content-Length"] == "1000"
    assert body(response) == data[100:1100]
    open_ended = client.get(src, HTTP_RANGE=f"bytes={len(data) - 10}-")
    assert open_ended.status_code == 206 and body(open_ended) == data[-10:]
    past_end = client.get(src, HTTP_RANGE=f"bytes=5-{len(data) + 500}")
    assert past_end["Content-Range"] == f"bytes 5-{len(data) - 1}/{len(data)}"


def test_a_suffix_range_gives_the_last_bytes(player, ready_film, films_storage):
    client, src = player
    data = (films_storage / ready_film.folder / COPY).read_bytes()
    response = client.get(src, HTTP_RANGE="bytes=-500")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {len(data) - 500}-{len(data) - 1}/{len(data)}"
    assert body(response) == data[-500:]
    everything = client.get(src, HTTP_RANGE=f"bytes=-{len(data) * 2}")
    assert everything.status_code == 206 and body(everything) == data


def test_a_range_past_the_end_is_416(player, ready_film):
    client, src = player
    size = ready_film.size
    for header in (f"bytes={size}-", f"bytes={size + 10}-{size + 20}", "bytes=-0"):
        response = client.get(src, HTTP_RANGE=header)
        assert response.status_code == 416, header
        assert response["Content-Range"] == f"bytes */{size}"


def test_a_malformed_or_multiple_range_gets_the_whole_film(player, ready_film):
    client, src = player
    for header in ("bytes=10-5", "items=0-10", "bytes=0-10,20-30", "bytes=abc"):
        response = client.get(src, HTTP_RANGE=header)
        assert response.status_code == 200, header
        assert response["Content-Length"] == str(ready_film.size)


def test_if_range_applies_the_range_only_to_the_same_film(player, ready_film):
    client, src = player
    etag = client.get(src)["ETag"]
    assert etag == f'"{ready_film.sha256[:32]}"'
    same = client.get(src, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag)
    assert same.status_code == 206
    changed = client.get(src, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"another-film"')
    assert changed.status_code == 200 and changed["Content-Length"] == str(ready_film.size)
    weak = client.get(src, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=f"W/{etag}")
    assert weak.status_code == 200
    when = http_date(ready_film.ready_at.timestamp())
    assert client.get(src, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=when).status_code == 206
    earlier = http_date(ready_film.ready_at.timestamp() - 60)
    assert client.get(src, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=earlier).status_code == 200


def test_head_says_the_size_without_the_bytes(player, ready_film):
    client, src = player
    response = client.head(src, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Length"] == "100"
    assert response.content == b""


def test_a_playback_is_audited_once_however_many_ranges_it_asks_for(
    player, practitioner, ready_film
):
    client, src = player
    for header in ("bytes=0-1", "bytes=0-", "bytes=5000-", "bytes=100-200", "bytes=-100"):
        client.get(src, HTTP_RANGE=header)
    plays = AuditEvent.objects.filter(action="film.played")
    assert plays.count() == 1
    play = plays.get()
    assert play.actor_id == practitioner.pk
    assert play.target_id == str(ready_film.pk)
    assert play.family_reference == ready_film.programme.reference
    # Showing the page again is another playback.
    page = client.get(films_url("film", ready_film.visit, ready_film.public_id)).content.decode()
    again = re.search(r'<source src="([^"]+)"', page).group(1).replace("&amp;", "&")
    client.get(again, HTTP_RANGE="bytes=0-")
    assert plays.count() == 2


def test_the_film_plays_only_with_a_token_made_for_this_person(
    player, ready_film, team_lead, visit
):
    client, src = player
    bare = src.split("?")[0]
    assert client.get(bare).status_code == 404
    assert client.get(bare + "?t=forged").status_code == 404
    from tests.helpers import signed_in_client

    lead = signed_in_client(team_lead)
    assert lead.get(src).status_code == 404  # someone else's token
    page = lead.get(films_url("film", visit, ready_film.public_id)).content.decode()
    own = re.search(r'<source src="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert lead.get(own).status_code == 200


def test_no_byte_once_consent_to_keeping_the_film_is_withdrawn(
    player, practitioner, programme, ready_film, monkeypatch
):
    from films import tasks

    monkeypatch.setattr(tasks.destroy_family_films, "delay", lambda *a: None)  # worker down
    client, src = player
    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.KEEP_FILM],
        by=practitioner,
    )
    assert client.get(src).status_code == 404
    poster = films_url("poster", ready_film.visit, ready_film.public_id)
    assert client.get(poster).status_code == 404
    page = client.get(films_url("film", ready_film.visit, ready_film.public_id))
    assert "This film can't be watched" in page.content.decode()
    assert "<video" not in page.content.decode()


def test_the_poster_is_private_too(player, ready_film, visit):
    client, _ = player
    response = client.get(films_url("poster", visit, ready_film.public_id))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"


def test_behind_nginx_the_view_hands_the_file_over_with_x_accel_redirect(
    settings, player, ready_film
):
    settings.FILM_X_ACCEL_REDIRECT = "/_films/"
    client, src = player
    response = client.get(src, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_films/{ready_film.folder}/{COPY}"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b""
    assert AuditEvent.objects.filter(action="film.played").count() == 1


def test_the_film_has_no_public_url(ready_film):
    with pytest.raises(NotImplementedError):
        ready_film.file.url  # noqa: B018
