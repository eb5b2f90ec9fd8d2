"""'Add to your calendar' behind the appointment link: the same invitation the
SMTP email attaches (same UID and SEQUENCE, METHOD:REQUEST); a bad link gets
the same kind page as the manage page, and no details."""

import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from icalendar import Calendar

from scheduling import links
from sessions import actions
from tests.helpers import at, book, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(programme, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return book(programme, practitioner, days=10)


def token_in(message):
    return re.search(r"/appointments/([^\s/]+)/", message.body).group(1)


def event_of(data):
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def attached_invitation(message):
    (attachment,) = message.attachments
    return attachment[1]


def download(client, token):
    return client.get(reverse("appointments:calendar", args=[token]))


def test_the_manage_page_offers_the_calendar_file(client, booked):
    token = token_in(mail.outbox[0])
    page = client.get(reverse("appointments:manage", args=[token]))
    assert "Add to your calendar" in text(page)
    assert reverse("appointments:calendar", args=[token]) in page.content.decode()


def test_the_download_is_the_emailed_invitation(client, booked):
    response = download(client, token_in(mail.outbox[0]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="appointment.ics"' in response["Content-Disposition"]
    calendar, event = event_of(response.content)
    emailed_calendar, emailed = event_of(attached_invitation(mail.outbox[0]))
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == emailed["UID"]
    assert event["SEQUENCE"] == emailed["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == emailed.decoded("DTSTART")
    assert str(event["LOCATION"]) == str(emailed["LOCATION"])
    assert calendar.walk("VTIMEZONE")  # Europe/London, as emailed


def test_after_a_change_the_download_updates_the_same_entry(
    client, booked, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_visit(
            visit=booked, starts_at=at(12, 11), duration_minutes=60, place="home", by=practitioner
        )
    changed = mail.outbox[-1]
    _calendar, event = event_of(download(client, token_in(changed)).content)
    _emailed_calendar, emailed = event_of(attached_invitation(changed))
    assert event["UID"] == emailed["UID"]
    assert event["SEQUENCE"] == emailed["SEQUENCE"] == 1


def test_a_cancelled_visit_has_nothing_to_download(
    client, booked, practitioner, django_capture_on_commit_callbacks
):
    token = token_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_visit(visit=booked, cancelled_by_family=False, reason="Ill", by=practitioner)
    response = download(client, token)
    assert response.status_code == 404
    assert "Sorry, this link does not work" in text(response)


@pytest.mark.parametrize("how", ["tampered", "expired", "unknown"])
def test_a_bad_link_gets_the_kind_page_and_no_details(client, booked, settings, how):
    token = token_in(mail.outbox[0])
    if how == "tampered":
        token = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    elif how == "expired":
        settings.APPOINTMENT_LINK_MAX_AGE = -1
    else:
        token = signing.dumps("0" * 32, salt=links.SALT, compress=True)
    response = download(client, token)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Sorry, this link does not work" in text(response)
    assert "Alice" not in text(response)


def test_only_get_and_head_and_a_rate_limit(client, booked, settings):
    token = token_in(mail.outbox[0])
    url = reverse("appointments:calendar", args=[token])
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200
    settings.APPOINTMENT_LINK_RATE = "2/m"
    assert [client.get(url).status_code for _ in range(3)][-1] == 429
