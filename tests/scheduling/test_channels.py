"""Email and letters through GOV.UK Notify (a local fake speaking its API),
letters the guider posts without it, and the family's language (ADR 0014)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.models import AuditEvent
from referrals.models import Caregiver
from scheduling import contact, letters
from scheduling.models import (
    Channel,
    DueWork,
    Letter,
    MessageLog,
    MessageStatus,
    StaffTask,
    TaskKind,
    WorkKind,
    WorkState,
)
from scheduling.runner import run
from tests.helpers import book, signed_in_client, text

from .notify_fake import TEST_KEY, FakeNotify

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
EVENTS = ["visit_booked", "visit_changed", "visit_cancelled", "visit_reminder"]


def ids(prefix):
    return {name: f"{prefix}-{name}" for name in EVENTS}


@pytest.fixture
def fake_notify(settings, time_machine):
    time_machine.move_to(datetime(2026, 12, 1, 11, 0, tzinfo=LONDON))
    fake = FakeNotify().start()
    settings.NOTIFY_API_KEY = TEST_KEY
    settings.NOTIFY_BASE_URL = fake.url
    settings.NOTIFY_TEMPLATES = ids("text")
    settings.NOTIFY_EMAIL_TEMPLATES = ids("email")
    settings.NOTIFY_LETTER_TEMPLATES = ids("letter")
    settings.NOTIFY_TRANSLATED_TEMPLATES = {
        "welsh": {"text": {"visit_booked": "welsh-text"}, "email": {"visit_booked": "welsh-email"}}
    }
    yield fake
    fake.stop()


def prefer(programme, **prefs):
    Caregiver.objects.filter(referral=programme.referral).update(**prefs)


def by_letter(programme, **more):
    prefer(
        programme,
        preferred_contact="letter",
        safe_to_leave_message=True,
        address="1 Mill Lane\nHeaton Moor, Stockport",
        **more,
    )


def send_booking(programme, practitioner, capture, days=10):
    with capture(execute=True):
        return book(programme, practitioner, days=days)


def posts(fake):
    return [r for r in fake.requests if r[0] == "POST"]


# --- Email through Notify ------------------------------------------------------------


def test_an_email_goes_through_notify_with_the_link_and_no_attachment(
    fake_notify, programme, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    assert mailoutbox == []  # not SMTP
    (post,) = posts(fake_notify)
    _method, path, body, auth = post
    assert path == "/v2/notifications/email"
    assert body["email_address"] == "sam.jones@family.invalid"
    assert body["template_id"] == "email-visit_booked"
    assert "/appointments/" in body["personalisation"]["link"]
    assert body["personalisation"]["subject"] == "Your visit is booked"
    assert body["personalisation"]["time"] == "10:00"
    assert auth.startswith("Bearer ")
    log = MessageLog.objects.get()
    # The reference is our random id: no name, address or case reference in it.
    assert body["reference"] == str(log.reference)
    assert programme.reference not in body["reference"]
    assert (log.channel, log.status) == (Channel.EMAIL, MessageStatus.SENT)
    assert log.notify_id == fake_notify.sent[0]["id"]


def test_a_rerun_after_a_worker_died_mid_send_asks_notify_and_sends_nothing_more(
    fake_notify, programme, practitioner, django_capture_on_commit_callbacks
):
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    MessageLog.objects.update(status=MessageStatus.SENDING, notify_id="")
    work = DueWork.objects.get(kind=WorkKind.VISIT_MESSAGE)
    DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED)
    assert run(work.pk) == "done"
    assert len(fake_notify.sent) == 1
    lookups = [r for r in fake_notify.requests if r[0] == "GET"]
    assert len(lookups) == 1 and f"reference={MessageLog.objects.get().reference}" in lookups[0][1]
    assert MessageLog.objects.get().notify_id == fake_notify.sent[0]["id"]


def test_a_rerun_when_notify_never_got_it_sends_it_once(
    fake_notify, programme, practitioner, django_capture_on_commit_callbacks
):
    fake_notify.fail_next = 1  # Notify down: the row stays "sending", the work due again
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    assert MessageLog.objects.get().status == MessageStatus.SENDING
    work = DueWork.objects.get(kind=WorkKind.VISIT_MESSAGE)
    DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED)
    assert run(work.pk) == "done"
    assert len(fake_notify.sent) == 1
    assert MessageLog.objects.get().status == MessageStatus.SENT


def test_an_email_template_not_configured_keeps_smtp_and_the_invitation(
    fake_notify, programme, practitioner, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFY_EMAIL_TEMPLATES = {}
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    assert fake_notify.sent == []
    (message,) = mailoutbox
    assert message.attachments[0][0] == "invite.ics"


def test_without_a_notify_key_emails_go_by_smtp_with_the_invitation(
    programme, practitioner, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_EMAIL_TEMPLATES = ids("email")
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    assert message.attachments[0][0] == "invite.ics"


# --- Letters ---------------------------------------------------------------------------


def test_a_letter_through_notify_has_the_address_and_postcode_last(
    fake_notify, programme, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    by_letter(programme)
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    (post,) = posts(fake_notify)
    assert post[1] == "/v2/notifications/letter"
    fields = post[2]["personalisation"]
    assert [fields[f"address_line_{n}"] for n in range(1, 5)] == [
        "Sam Jones",
        "1 Mill Lane",
        "Heaton Moor",
        "Stockport",
    ]
    assert fields["address_line_5"] == "SK1 3XE"
    assert fields["link"] == ""  # nobody types a signed link from paper
    log = MessageLog.objects.get()
    assert (log.channel, log.status, post[2]["reference"]) == (
        Channel.LETTER,
        MessageStatus.SENT,
        str(log.reference),
    )


def test_no_valid_postcode_no_letter_the_guider_is_asked_to_phone(
    fake_notify, programme, practitioner, django_capture_on_commit_callbacks
):
    by_letter(programme, postcode="NOT A PC")
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    assert fake_notify.sent == []
    log = MessageLog.objects.get()
    assert (log.channel, log.status) == (Channel.NONE, MessageStatus.WITHHELD)
    task = StaffTask.objects.get(kind=TaskKind.PHONE_FAMILY)
    assert task.assignee == practitioner
    assert "no full postal address with a valid UK postcode" in task.detail


def test_the_fake_refuses_what_notify_refuses(fake_notify):
    from notifications_python_client.errors import HTTPError

    from scheduling import notify

    with pytest.raises(HTTPError) as refused:
        notify.send_letter(
            template_id="letter-visit_booked",
            personalisation={"address_line_1": "Sam", "address_line_2": "1 Mill Lane"},
            reference="x",
        )
    assert refused.value.status_code == 400


def test_a_letter_that_would_arrive_after_the_visit_becomes_a_phone_task(
    fake_notify, programme, practitioner, django_capture_on_commit_callbacks
):
    by_letter(programme)
    send_booking(programme, practitioner, django_capture_on_commit_callbacks, days=3)
    assert fake_notify.sent == []
    task = StaffTask.objects.get(kind=TaskKind.PHONE_FAMILY)
    assert letters.TOO_LATE in task.detail


def test_address_lines_fit_notify():
    caregiver = Caregiver(
        first_name="Sam",
        last_name="Jones",
        postcode="sk13xe",
        address="Flat 2\n3 Mill Lane\nHeaton Moor\nStockport\nGreater Manchester\nEngland\nSK1 3XE",
    )
    lines = letters.address_lines(caregiver)
    assert len(lines) == 7 and lines[0] == "Sam Jones" and lines[-1] == "SK1 3XE"
    assert lines[5] == "Greater Manchester, England"  # nothing dropped
    assert letters.address_lines(Caregiver(first_name="Sam", postcode="SK1 3XE")) is None


def test_without_notify_the_guider_posts_a_printable_letter(
    programme, practitioner, colleague, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFY_API_KEY = ""
    by_letter(programme)
    visit = send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    log = MessageLog.objects.get()
    assert (log.channel, log.status) == (Channel.LETTER, MessageStatus.TO_POST)
    task = StaffTask.objects.get(kind=TaskKind.POST_LETTER)
    assert task.assignee == practitioner and task.visit == visit
    letter = Letter.objects.get()
    assert letter.address_lines[-1] == "SK1 3XE"
    assert "We have booked your visit." in letter.body

    # A re-run writes no second letter.
    work = DueWork.objects.get(kind=WorkKind.VISIT_MESSAGE)
    DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED)
    run(work.pk)
    assert (Letter.objects.count(), StaffTask.objects.filter(kind="post_letter").count()) == (1, 1)

    guider = signed_in_client(practitioner)
    tasks_page = guider.get("/staff/tasks/")
    url = f"/staff/tasks/letters/{letter.public_id}/"
    assert url in tasks_page.content.decode()
    page = guider.get(url)
    assert page.status_code == 200
    words = text(page)
    assert "Letter to post" in words and "Sam Jones" in words and "SK1 3XE" in words
    assert "1 Mill Lane" in words and "We have booked your visit." in words
    assert "app-letter" in page.content.decode()  # printed as the page (print CSS)
    assert AuditEvent.objects.filter(
        action="programme.viewed", family_reference=programme.reference
    ).exists()
    assert guider.post(url).status_code == 405
    assert signed_in_client(colleague).get(url).status_code == 404
    assert signed_in_client(colleague).post(url).status_code == 404


# --- The family's language -------------------------------------------------------------


def test_a_translated_template_is_used_and_no_interpreter_task(
    fake_notify, programme, practitioner, django_capture_on_commit_callbacks
):
    prefer(programme, language=" Welsh ")
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    (post,) = posts(fake_notify)
    assert post[2]["template_id"] == "welsh-email"
    assert post[2]["personalisation"]["date"] == "11/12/2026"
    assert not StaffTask.objects.filter(kind=TaskKind.INTERPRET).exists()


def test_no_template_in_their_language_english_and_one_task_per_visit(
    fake_notify, programme, practitioner, django_capture_on_commit_callbacks
):
    prefer(programme, language="Polish")
    visit = send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    (post,) = posts(fake_notify)
    assert post[2]["template_id"] == "email-visit_booked"
    # A later message about the same visit (the reminder) adds no second task.
    reminder = DueWork.objects.filter(kind=WorkKind.REMINDER).first()
    DueWork.objects.filter(pk=reminder.pk).update(state=WorkState.CLAIMED)
    assert run(reminder.pk) == "done"
    assert len(posts(fake_notify)) == 2
    (task,) = StaffTask.objects.filter(kind=TaskKind.INTERPRET)
    assert (task.assignee, task.visit) == (practitioner, visit)
    assert task.title == "Explain the visit to Sam Jones through an interpreter"
    assert task.detail.startswith("They prefer Polish.")


def test_a_welsh_family_without_that_template_gets_english_and_a_task(
    fake_notify, programme, practitioner, django_capture_on_commit_callbacks
):
    prefer(programme, language="Welsh", preferred_contact="text", phone="07700900000")
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    assert posts(fake_notify)[0][2]["template_id"] == "welsh-text"
    reminder = DueWork.objects.filter(kind=WorkKind.REMINDER).first()
    DueWork.objects.filter(pk=reminder.pk).update(state=WorkState.CLAIMED)
    run(reminder.pk)
    assert posts(fake_notify)[1][2]["template_id"] == "text-visit_reminder"
    assert StaffTask.objects.filter(kind=TaskKind.INTERPRET).count() == 1


def test_an_interpreter_needed_by_smtp_email_gives_the_task(
    programme, practitioner, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFY_API_KEY = ""
    prefer(programme, language="English", interpreter_needed=True)
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    task = StaffTask.objects.get(kind=TaskKind.INTERPRET)
    assert task.detail.startswith("They need an interpreter.")


def test_an_english_speaker_gets_no_interpreter_task(
    programme, practitioner, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_API_KEY = ""
    prefer(programme, language="english")
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    assert not StaffTask.objects.filter(kind=TaskKind.INTERPRET).exists()


def test_a_letter_family_is_described_on_the_case_page(programme):
    by_letter(programme)
    caregiver = programme.referral.caregivers.get()
    assert contact.describe(caregiver)[0] == "Prefers: letter by post"
    assert contact.route(caregiver, texts=False).channel == Channel.LETTER


def test_an_email_notify_could_not_deliver_asks_the_guider_to_phone(
    client, fake_notify, programme, practitioner, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_CALLBACK_TOKEN = "callback-secret"
    prefer(programme, email="perm-fail@simulator.notify")
    send_booking(programme, practitioner, django_capture_on_commit_callbacks)
    (sent,) = fake_notify.sent
    status = fake_notify.status_of(sent)
    assert status == "permanent-failure"
    response = client.post(
        "/notify/callback/",
        {"id": sent["id"], "status": status},
        content_type="application/json",
        headers={"Authorization": "Bearer callback-secret"},
    )
    assert response.status_code == 204
    assert MessageLog.objects.get().status == MessageStatus.FAILED
    task = StaffTask.objects.get(kind=TaskKind.PHONE_FAMILY)
    assert task.title == "Phone the family: an email to them could not be delivered"
