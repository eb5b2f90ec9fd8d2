"""Texts through GOV.UK Notify (a local fake speaking its API): our own
idempotency, a reference with no personal data, quiet hours and receipts."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from referrals.models import Caregiver
from scheduling import notify
from scheduling.models import (
    Channel,
    DueWork,
    MessageLog,
    MessageStatus,
    StaffTask,
    TaskKind,
    WorkKind,
    WorkState,
)
from scheduling.runner import run
from tests.helpers import book

from .notify_fake import TEST_KEY, FakeNotify

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def fake_notify(settings):
    fake = FakeNotify().start()
    settings.NOTIFY_API_KEY = TEST_KEY
    settings.NOTIFY_BASE_URL = fake.url
    settings.NOTIFY_TEMPLATES = {
        name: f"00000000-0000-0000-0000-00000000000{n}"
        for n, name in enumerate(
            ["visit_booked", "visit_changed", "visit_cancelled", "visit_reminder"]
        )
    }
    settings.NOTIFY_CALLBACK_TOKEN = "callback-secret"
    yield fake
    fake.stop()


@pytest.fixture
def texting(programme):
    Caregiver.objects.filter(referral=programme.referral).update(
        preferred_contact="text", phone="07700900000"
    )
    return programme


def send_booking(programme, practitioner, capture):
    with capture(execute=True):
        return book(programme, practitioner, days=10)


@pytest.fixture
def daytime(time_machine):
    time_machine.move_to(datetime(2026, 12, 1, 11, 0, tzinfo=LONDON))


def test_a_family_who_prefers_texts_gets_one_through_notify(
    fake_notify, texting, practitioner, daytime, mailoutbox, django_capture_on_commit_callbacks
):
    send_booking(texting, practitioner, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    (sent,) = fake_notify.sent
    (post,) = [r for r in fake_notify.requests if r[0] == "POST"]
    body = post[2]
    assert post[1] == "/v2/notifications/sms"
    assert body["phone_number"] == "07700900000"
    assert body["template_id"] == "00000000-0000-0000-0000-000000000000"
    assert body["personalisation"]["first_name"] == "Sam"
    assert "/appointments/" in body["personalisation"]["link"]
    assert post[3].startswith("Bearer ")
    log = MessageLog.objects.get()
    # The reference is our random id: no name, number or reference number in it.
    assert body["reference"] == str(log.reference)
    assert (log.channel, log.status, log.notify_id) == (Channel.TEXT, "sent", sent["id"])


def test_a_rerun_after_a_worker_died_mid_send_sends_nothing_more(
    fake_notify, texting, practitioner, daytime, django_capture_on_commit_callbacks
):
    send_booking(texting, practitioner, django_capture_on_commit_callbacks)
    # As if the worker died after Notify took the text, before the log was completed.
    MessageLog.objects.update(status=MessageStatus.SENDING, notify_id="")
    work = DueWork.objects.get(kind=WorkKind.VISIT_MESSAGE)
    DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED)
    assert run(work.pk) == "done"
    assert len(fake_notify.sent) == 1
    assert MessageLog.objects.get().notify_id == fake_notify.sent[0]["id"]


def test_notify_down_is_retried_later_then_sent_once(
    fake_notify, texting, practitioner, daytime, django_capture_on_commit_callbacks
):
    fake_notify.fail_next = 1
    send_booking(texting, practitioner, django_capture_on_commit_callbacks)
    work = DueWork.objects.get(kind=WorkKind.VISIT_MESSAGE)
    assert work.state == WorkState.DUE and "500" in work.last_error
    DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED, attempts=2)
    assert run(work.pk) == "done"
    assert len(fake_notify.sent) == 1


def test_no_texts_at_night(
    fake_notify, texting, practitioner, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime(2026, 12, 1, 22, 30, tzinfo=LONDON))
    send_booking(texting, practitioner, django_capture_on_commit_callbacks)
    assert fake_notify.sent == []
    work = DueWork.objects.get(kind=WorkKind.VISIT_MESSAGE)
    assert work.state == WorkState.DUE
    assert work.due_at == datetime(2026, 12, 2, 8, 0, tzinfo=LONDON)
    assert notify.morning_after_quiet(datetime(2026, 12, 2, 7, 59, tzinfo=LONDON)) == datetime(
        2026, 12, 2, 8, 0, tzinfo=LONDON
    )
    assert notify.morning_after_quiet(datetime(2026, 12, 2, 8, 0, tzinfo=LONDON)) is None


def callback(client, body, token="callback-secret"):  # noqa: S107 — a test token
    return client.post(
        reverse("notify:callback"),
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_delivery_receipts_update_the_log_and_a_failure_asks_the_guider_to_phone(
    client, fake_notify, texting, practitioner, daytime, django_capture_on_commit_callbacks
):
    Caregiver.objects.filter(referral=texting.referral).update(phone="07700900002")
    send_booking(texting, practitioner, django_capture_on_commit_callbacks)
    (sent,) = fake_notify.sent
    assert callback(client, {"id": sent["id"], "status": "x"}, token="wrong").status_code == 403
    status = fake_notify.status_of(sent)
    assert status == "permanent-failure"
    assert callback(client, {"id": sent["id"], "status": status}).status_code == 204
    assert MessageLog.objects.get().status == MessageStatus.FAILED
    task = StaffTask.objects.get(kind=TaskKind.PHONE_FAMILY)
    assert task.assignee == practitioner


def test_a_delivered_receipt(
    client, fake_notify, texting, practitioner, daytime, django_capture_on_commit_callbacks
):
    send_booking(texting, practitioner, django_capture_on_commit_callbacks)
    (sent,) = fake_notify.sent
    callback(client, {"id": sent["id"], "status": fake_notify.status_of(sent)})
    assert MessageLog.objects.get().status == MessageStatus.DELIVERED
