"""Abuse and accidents on the public forms: double submits, the honeypot, rate limits,
CSRF, oversized requests. Each ends with one referral or none, never a partial one."""

import copy

import pytest
from django.test import Client

from referrals.models import Referral, Route
from tests.helpers import main_text as text
from tests.referrals.test_public_journey import (
    ELIGIBILITY,
    counts,
    self_steps,
    send,
    url,
    walk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(client, service):
    """A client whose answers are all given, on "Check your answers"."""
    walk(client, service, self_steps())
    return client


def session_state(client, service, route=Route.SELF):
    return client.session[f"vig.referral.{route}.{service.pk}"]


def put_session_state(client, service, state, route=Route.SELF):
    session = client.session
    session[f"vig.referral.{route}.{service.pk}"] = state
    session.save()


# --- Double submits ------------------------------------------------------------------------


def test_two_clicks_on_send_make_one_referral_and_show_the_same_reference(
    ready, service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = send(ready, service)
        second = send(ready, service)
    assert first["Location"] == second["Location"] == url(service, "confirmation")
    assert Referral.objects.count() == 1
    assert Referral.objects.get().reference in text(ready.get(url(service, "confirmation")))


def test_two_requests_racing_with_the_same_answers_make_one_referral(
    ready, service, django_capture_on_commit_callbacks
):
    """The second request started before the first finished: it still has the answers
    (and the same submission key) in its copy of the session."""
    before = copy.deepcopy(session_state(ready, service))
    with django_capture_on_commit_callbacks(execute=True):
        send(ready, service)
    reference = Referral.objects.get().reference
    put_session_state(ready, service, before)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(ready, service)
    assert response["Location"] == url(service, "confirmation")
    assert Referral.objects.count() == 1
    assert reference in text(ready.get(url(service, "confirmation")))


def test_back_and_resubmit_after_sending_shows_the_confirmation_again(
    ready, service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(ready, service)
    for page in ("check-your-answers", "help", "postcode"):
        assert ready.get(url(service, page))["Location"] == url(service, "confirmation")
    response = ready.post(url(service, "help"), {"help_wanted": "Again"})
    assert response["Location"] == url(service, "confirmation")
    assert send(ready, service)["Location"] == url(service, "confirmation")
    assert counts() == (1, 1, 1)


def test_after_sending_the_session_keeps_only_the_reference(
    ready, service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(ready, service)
    state = session_state(ready, service)
    assert set(state) == {"key", "reference", "emailed"}


# --- Honeypot ------------------------------------------------------------------------------


def test_the_honeypot_is_hidden_from_people(ready, service):
    html = ready.get(url(service, "check-your-answers")).content.decode()
    assert (
        '<div class="nhsuk-u-visually-hidden" aria-hidden="true">\n'
        '        <label for="id_website">Leave this empty</label>\n'
        '        <input type="text" name="website" id="id_website" value="" tabindex="-1" '
        'autocomplete="off">'
    ) in html


def test_a_filled_honeypot_stores_nothing_and_says_the_referral_was_not_sent(
    ready, service, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(ready, service, website="http://spam.example")
    assert response.status_code == 400
    words = text(response)
    assert "Sorry, we could not send your referral" in words
    assert "Your referral has not been sent" in words
    assert counts() == (0, 0, 0)
    assert mailoutbox == []
    # A person whose browser filled it in can go back and send it.
    assert ready.get(url(service, "check-your-answers")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert send(ready, service)["Location"] == url(service, "confirmation")
    assert counts() == (1, 1, 1)


# --- Rate limits ---------------------------------------------------------------------------


def test_too_many_referrals_from_one_address_get_a_friendly_429_page(
    client, service, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_SUBMIT_RATE = "2/h"
    for _ in range(2):
        client.get(url(service))
        walk(client, service, self_steps())
        with django_capture_on_commit_callbacks(execute=True):
            assert send(client, service).status_code == 302
    client.get(url(service))
    walk(client, service, self_steps())
    response = send(client, service)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert "<title>Sorry, there have been too many attempts – " in html
    assert "Wait an hour, then try again." in text(response)
    assert service.contact_phone in text(response)
    assert Referral.objects.count() == 2
    # Another address is not limited.
    other = Client(REMOTE_ADDR="192.0.2.99")
    walk(other, service, self_steps())
    with django_capture_on_commit_callbacks(execute=True):
        assert send(other, service).status_code == 302
    assert Referral.objects.count() == 3


def test_too_many_eligibility_answers_from_one_address_are_refused(client, service, settings):
    settings.PUBLIC_ELIGIBILITY_RATE = "3/h"
    for postcode in ("SK1 1AA", "SK1 1AB", "SK1 1AD"):
        assert client.post(url(service, "postcode"), {"postcode": postcode}).status_code == 302
    response = client.post(url(service, "postcode"), {"postcode": "SK1 1AE"})
    assert response.status_code == 429
    assert "too many attempts" in text(response)
    # Reading pages is never limited, and other questions are not counted.
    assert client.get(url(service, "postcode")).status_code == 200


def test_wrong_answers_count_towards_the_eligibility_limit(client, service, settings):
    settings.PUBLIC_ELIGIBILITY_RATE = "2/h"
    client.post(url(service, "postcode"), {"postcode": "nope"})
    client.post(url(service, "postcode"), {"postcode": "nope"})
    assert client.post(url(service, "postcode"), {"postcode": "SK1 1AA"}).status_code == 429


# --- CSRF, request size, caching -----------------------------------------------------------


def test_a_form_without_its_csrf_token_gets_a_friendly_page(service):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url(service, "postcode"), {"postcode": "SK1 3XE"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Sorry, we could not accept your answers</h1>" in html
    assert "browser blocks cookies" in html
    assert 'class="nhsuk-header"' in html
    assert counts() == (0, 0, 0)


def test_a_form_with_its_csrf_token_is_accepted(service):
    client = Client(enforce_csrf_checks=True)
    client.get(url(service, "postcode"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        url(service, "postcode"), {"postcode": "SK1 3XE", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_an_oversized_request_is_refused_and_stores_nothing(ready, service, settings):
    response = ready.post(
        url(service, "check-your-answers"),
        {"website": "", "padding": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)},
    )
    assert response.status_code == 400
    assert counts() == (0, 0, 0)


def test_journey_pages_are_never_cached(client, service):
    for page in ("", "postcode"):
        response = client.get(url(service, page))
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_public_pages_show_no_other_familys_data(
    client, service, django_capture_on_commit_callbacks
):
    """A referral sent by someone else never shows on a new visitor's pages."""
    sender = Client()
    walk(sender, service, self_steps())
    with django_capture_on_commit_callbacks(execute=True):
        send(sender, service)
    referral = Referral.objects.get()
    walk(client, service, ELIGIBILITY)
    pages = [
        "/",
        f"/services/{service.slug}/",
        url(service),
        url(service, "child"),
        url(service, "confirmation"),
        url(service, "check-your-answers"),
        url(service, "not-eligible"),
    ]
    for page in pages:
        html = client.get(page, follow=True).content.decode()
        assert referral.reference not in html, page
        assert "Sam" not in html and "07700" not in html, page
