""" "What did you think of this service?": one answer stored per form sent, nothing
personal asked, and the abuse every public form meets refused kindly."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from pages.models import Feedback
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

URL = reverse("pages:feedback")
THANKS = reverse("pages:feedback_thanks")


@pytest.fixture
def service(team):
    return team.service


def text(response):
    html = response.content.decode()
    main = html.split('<main class="nhsuk-main-wrapper" id="maincontent">')[1].split("</main>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def key_of(response):
    return re.search(r'name="key" value="([^"]+)"', response.content.decode()).group(1)


def answers(**changes):
    data = {"satisfaction": "4", "improve": "Evening visits would help.", "website": ""}
    data.update(changes)
    return data


def send(client, key=None, url=URL, **changes):
    if key is None:
        key = key_of(client.get(url))
    return client.post(url, {"key": key, **answers(**changes)})


# --- The form --------------------------------------------------------------------------


def test_with_one_service_the_form_asks_only_how_it_went(client, service):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>What did you think of {service.name}?</h1>" in html
    assert "Which service did you use?" not in html
    assert "Overall, how satisfied were you with the service?" in html
    for label in ("Very satisfied", "Neither satisfied nor dissatisfied", "Very dissatisfied"):
        assert label in html
    assert "How could we improve the service? (optional)" in html
    assert "Do not include personal information, like your name, your child" in html
    assert "maxlength" not in html
    assert "no-store" in response["Cache-Control"]


def test_the_form_asks_for_nothing_that_identifies_anyone(client, service):
    form = client.get(URL).content.decode().split('<form method="post"')[1].split("</form>")[0]
    names = set(re.findall(r'name="([^"]+)"', form)) - {"csrfmiddlewaretoken"}
    assert names == {"key", "satisfaction", "improve", "website"}
    fields = {field.name for field in Feedback._meta.get_fields()}
    assert fields == {"id", "service", "satisfaction", "improve", "submission_key", "created_at"}


def test_an_answer_is_stored_for_the_service_and_thanked(client, service):
    response = send(client)
    assert response.status_code == 302
    assert response["Location"] == THANKS
    feedback = Feedback.objects.get()
    assert (feedback.service, feedback.satisfaction, feedback.improve) == (
        service,
        4,
        "Evening visits would help.",
    )
    assert "Thank you for your feedback" in text(client.get(THANKS))


def test_the_suggestion_is_optional(client, service):
    assert send(client, improve="").status_code == 302
    assert Feedback.objects.get().improve == ""


def test_with_several_services_people_say_which_one(client, service):
    other = ServiceFactory(name="Riverside VIG", slug="riverside")
    html = client.get(URL).content.decode()
    assert "Which service did you use?" in html
    response = send(client)
    assert response.status_code == 200
    assert "Select the service you used" in text(response)
    assert send(client, service="riverside").status_code == 302
    assert Feedback.objects.get().service == other


def test_a_link_from_a_services_pages_chooses_that_service(client, service):
    ServiceFactory(name="Riverside VIG", slug="riverside")
    url = f"{URL}?service={service.slug}"
    html = client.get(url).content.decode()
    assert f"<h1>What did you think of {service.name}?</h1>" in html
    assert re.search(
        rf'value="{service.slug}"[^>]* checked|checked[^>]*value="{service.slug}"', html
    )
    assert send(client, url=url, service=service.slug).status_code == 302
    assert Feedback.objects.get().service == service


def test_without_any_service_there_is_nothing_to_give_feedback_about(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "There are no local services to give feedback about yet." in text(response)


# --- Mistakes and junk ----------------------------------------------------------------------


def test_no_rating_is_asked_for_again_keeping_the_suggestion(client, service):
    response = send(client, satisfaction="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: What did you think of this service?" in html
    assert "Select how satisfied you were with the service" in text(response)
    assert "Evening visits would help." in html
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("junk", ["banana", "9", "-1", "4.5", "<script>", "4\x00"])
def test_a_rating_that_is_not_one_of_the_choices_is_refused_kindly(client, service, junk):
    response = send(client, satisfaction=junk)
    assert response.status_code == 200
    assert "Select how satisfied you were with the service" in text(response)
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("junk", ["Fine\x00", "bell\x07", "esc\x1b[31m", "\x7fdel", "\ufffe"])
def test_nul_and_control_characters_are_refused_kindly(client, service, junk):
    response = send(client, improve=junk)
    assert response.status_code == 200
    assert "Remove any unusual characters from your answer" in text(response)
    assert Feedback.objects.count() == 0


def test_line_breaks_tabs_and_any_language_are_fine(client, service):
    improve = "Gwell\tamseroedd.\r\nMehr Termine am Abend 🙂\nأوقات أكثر"
    assert send(client, improve=improve).status_code == 302
    assert Feedback.objects.get().improve == improve


def test_a_suggestion_over_the_limit_is_refused_with_the_limit(client, service):
    response = send(client, improve="x" * 1201)
    assert response.status_code == 200
    assert "Your answer must be 1,200 characters or less" in text(response)
    assert send(client, improve="x" * 1200).status_code == 302
    assert Feedback.objects.get().improve == "x" * 1200


def test_huge_text_is_refused_and_stores_nothing(client, service):
    response = send(client, improve="x" * 200_000)
    assert response.status_code == 200
    assert "Your answer must be 1,200 characters or less" in text(response)
    assert Feedback.objects.count() == 0


def test_a_10_mb_body_is_refused_and_stores_nothing(client, service):
    response = send(client, improve="x" * (10 * 1024 * 1024))
    assert response.status_code == 400
    assert Feedback.objects.count() == 0


def test_a_missing_or_garbled_form_key_still_stores_one_answer(client, service):
    assert client.post(URL, answers()).status_code == 302
    assert send(client, key="not-a-key").status_code == 302
    assert Feedback.objects.count() == 2


# --- Honeypot, double submits, rate limit ------------------------------------------------------


def test_the_honeypot_is_hidden_from_people(client, service):
    html = client.get(URL).content.decode()
    assert (
        '<div class="nhsuk-u-visually-hidden" aria-hidden="true">\n'
        '        <label for="id_website">Leave this empty</label>\n'
        '        <input type="text" name="website" id="id_website" value="" tabindex="-1" '
        'autocomplete="off">'
    ) in html


def test_a_filled_honeypot_stores_nothing(client, service):
    response = send(client, website="http://spam.example")
    assert response.status_code == 400
    assert "Your feedback has not been sent" in text(response)
    assert Feedback.objects.count() == 0


def test_sending_the_same_form_twice_stores_one_answer(client, service):
    key = key_of(client.get(URL))
    first = send(client, key=key)
    second = send(client, key=key, satisfaction="1")
    assert first["Location"] == second["Location"] == THANKS
    assert Feedback.objects.count() == 1
    assert Feedback.objects.get().satisfaction == 4


def test_each_visit_to_the_form_is_a_new_answer(client, service):
    send(client)
    send(client)
    assert Feedback.objects.count() == 2


def test_a_form_sent_again_after_fixing_a_mistake_stores_one_answer(client, service):
    key = key_of(client.get(URL))
    response = send(client, key=key, satisfaction="")
    assert key_of(response) == key
    send(client, key=key)
    send(client, key=key)
    assert Feedback.objects.count() == 1


def test_too_much_feedback_from_one_address_gets_a_friendly_429_page(client, service, settings):
    settings.PUBLIC_FEEDBACK_RATE = "2/h"
    assert send(client).status_code == 302
    assert send(client, satisfaction="").status_code == 200  # mistakes count too
    response = send(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "<title>Sorry, there have been too many attempts – " in response.content.decode()
    assert "Wait an hour, then try again." in text(response)
    assert Feedback.objects.count() == 1
    # Reading the form is not limited, and another address is not limited.
    assert client.get(URL).status_code == 200
    other = Client(REMOTE_ADDR="192.0.2.99")
    assert send(other).status_code == 302
    assert Feedback.objects.count() == 2


def test_the_feedback_form_needs_its_csrf_token(service):
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, {"key": str(uuid.uuid4()), **answers()})
    assert response.status_code == 403
    assert Feedback.objects.count() == 0
    key = key_of(client.get(URL))
    token = client.cookies["csrftoken"].value
    response = client.post(URL, {"key": key, "csrfmiddlewaretoken": token, **answers()})
    assert response.status_code == 302
