"""'Manage my appointment': a signed, expiring, revocable link, no account needed."""

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from accounts.models import AuditEvent
from scheduling import links
from scheduling.models import AppointmentLink, StaffTask, TaskKind
from sessions.models import Attendance, VisitState
from tests.helpers import book, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(programme, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        visit = book(programme, practitioner, days=10)
    return visit


def link_in(message):
    return re.search(r"(/appointments/[^\s]+/)", message.body).group(1)


def test_the_emailed_link_shows_the_visit_and_no_more(client, booked):
    response = client.get(link_in(mail.outbox[0]))
    page = text(response)
    assert response.status_code == 200
    assert "Your visit" in page and "With Alice" in page
    assert "Guider" not in page  # the practitioner's first name only
    assert "<script" not in response.content.decode().split("</main>")[0].split("<main")[1]


def test_the_family_confirms(client, booked):
    url = link_in(mail.outbox[0])
    response = client.post(url, {"choice": "confirm"})
    assert response.status_code == 302
    assert "we have told alice you will be there" in text(client.get(response["Location"])).lower()
    assert AppointmentLink.objects.get().confirmed_at is not None
    assert AuditEvent.objects.filter(action="visit.confirmed_by_family").count() == 1


def test_asking_to_rearrange_gives_the_guider_a_task(client, booked, practitioner):
    url = link_in(mail.outbox[0])
    response = client.post(url, {"choice": "rearrange", "message": ""})
    assert response.status_code == 400
    assert "Tell us which days and times suit you better" in text(response)
    client.post(url, {"choice": "rearrange", "message": "Tuesdays after 2pm please"})
    task = StaffTask.objects.get(kind=TaskKind.REARRANGE)
    assert task.assignee == practitioner and task.detail == "Tuesdays after 2pm please"
    assert AuditEvent.objects.filter(action="visit.rearrange_asked").count() == 1


def test_cancelling_is_cancelled_by_the_family_and_revokes_the_link(
    client, booked, django_capture_on_commit_callbacks
):
    url = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"choice": "cancel"})
    assert "Your appointment is cancelled" in text(response)
    booked.refresh_from_db()
    assert booked.state == VisitState.CANCELLED
    assert booked.attendance == Attendance.CANCELLED_BY_FAMILY
    assert mail.outbox[-1].subject == "Your visit is cancelled"
    assert client.get(url).status_code == 404  # revoked


@pytest.mark.parametrize("how", ["tampered", "expired", "unknown"])
def test_a_bad_link_gets_a_kind_page_and_no_details(client, booked, settings, how):
    url = link_in(mail.outbox[0])
    if how == "tampered":
        url = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]
    elif how == "expired":
        settings.APPOINTMENT_LINK_MAX_AGE = -1
    else:
        token = signing.dumps("0" * 32, salt=links.SALT, compress=True)
        url = reverse("appointments:manage", args=[token])
    response = client.get(url)
    assert response.status_code == 404
    page = text(response)
    assert "Sorry, this link does not work" in page
    assert "Alice" not in page


def test_the_link_is_rate_limited(client, booked, settings):
    settings.APPOINTMENT_LINK_RATE = "3/m"
    url = link_in(mail.outbox[0])
    statuses = [client.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
