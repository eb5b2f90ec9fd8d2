"""Nobody outside the family's team reaches a page or a byte of their films.

Every films URL, with every method, answers 404 to a practitioner of another
team (and to a colleague on the team who isn't the family's guider); a VIG
supervisor who sees a trainee's case may watch, but not add or remove.
"""

import pytest
from django.urls import reverse

from films.models import Film, FilmUpload
from tests.factories import UserFactory
from tests.films.conftest import films_url
from tests.helpers import signed_in_client, supervised_family

pytestmark = pytest.mark.django_db

METHODS = ("get", "head", "post", "put", "patch", "delete")


@pytest.fixture
def every_url(visit, ready_film, practitioner, staff_client):
    upload = staff_client(practitioner).post(
        films_url("upload_start", visit), {"key": "a" * 8 + "-aaaa-4aaa-8aaa-" + "a" * 12,
                                            "name": "f.mp4", "size": 100}
    )  # fmt: skip
    assert upload.status_code == 201
    upload_id = FilmUpload.objects.get(film__original_name="f.mp4").public_id
    film_id = ready_film.public_id
    from films.actions import add_clip

    clip_id = add_clip(
        film=ready_film,
        start_ms=0,
        end_ms=1_500,
        title="A look",
        principles=["attentive"],
        by=practitioner,
    ).public_id
    return [
        films_url("index", visit),
        films_url("add", visit),
        films_url("upload_start", visit),
        films_url("upload", visit, upload_id),
        films_url("upload_finish", visit, upload_id),
        films_url("upload_preview", visit, upload_id),
        films_url("film", visit, film_id),
        films_url("status", visit, film_id),
        films_url("play", visit, film_id),
        films_url("poster", visit, film_id),
        films_url("remove", visit, film_id),
        films_url("analysis", visit, film_id),
        films_url("moment", visit, film_id, clip_id),
        films_url("moment_play", visit, film_id, clip_id),
        films_url("moment_status", visit, film_id, clip_id),
        films_url("moment_move", visit, film_id, clip_id),
        films_url("moment_remove", visit, film_id, clip_id),
    ]


def test_every_films_url_is_listed_here(every_url):
    from films import urls

    assert len(every_url) == len(urls.urlpatterns)


@pytest.mark.parametrize("who", ["outsider", "colleague"])
def test_outsiders_get_404_on_every_url_and_method(who, every_url, outsider, team, ready_film):
    person = outsider if who == "outsider" else UserFactory(team=team, full_name="Carol")
    client = signed_in_client(person)
    for url in every_url:
        for method in METHODS:
            response = getattr(client, method)(url)
            assert response.status_code == 404, (who, method, url, response.status_code)
    assert Film.objects.filter(state="ready").count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(every_url):
    from django.test import Client

    signed_out = Client()
    for url in every_url:
        response = signed_out.get(url)
        assert response.status_code == 302 and "/staff/sign-in/" in response.url


def test_a_visit_of_another_family_is_404_even_for_the_guider(
    staff_client, practitioner, team, team_lead, visit, ready_film
):
    """A film is looked up only within the visit, the visit only within the family."""
    from sessions.models import VisitKind
    from tests.films.conftest import give_consent, open_programme
    from tests.helpers import attended

    other = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    give_consent(other, practitioner)
    other_visit = attended(other, practitioner, kind=VisitKind.FILMING, days=-2)
    client = staff_client(practitioner)
    wrong = reverse(
        "films:film", args=[other.reference, other_visit.public_id, ready_film.public_id]
    )
    assert client.get(wrong).status_code == 404
    mixed = reverse("films:index", args=[other.reference, visit.public_id])
    assert client.get(mixed).status_code == 404


def test_a_supervisor_may_watch_a_trainees_film_but_not_add_or_remove(
    team, team_lead, films, tmp_path
):
    from films.actions import checking, receive_file
    from sessions.models import VisitKind
    from tests.films.conftest import give_consent
    from tests.helpers import attended

    programme, trainee, supervisor = supervised_family(team, team_lead)
    give_consent(programme, trainee)
    visit = attended(programme, trainee, kind=VisitKind.FILMING)
    copy = tmp_path / "f.mp4"
    copy.write_bytes(films["mp4"].read_bytes())

    class Upload:
        name, size = "f.mp4", copy.stat().st_size

        def temporary_file_path(self):
            return str(copy)

    film = receive_file(visit=visit, by=trainee, uploaded_file=Upload(), key=None)
    checking.check_film(film.pk)
    client = signed_in_client(supervisor)
    page = client.get(films_url("film", visit, film.public_id))
    assert page.status_code == 200 and "<video" in page.content.decode()
    assert "Remove this film" not in page.content.decode()
    assert client.get(films_url("add", visit)).status_code == 403
    assert client.get(films_url("remove", visit, film.public_id)).status_code == 403
    assert client.post(films_url("upload_start", visit)).status_code == 403
