"""Failed work and messages, listed for the team lead and tried again (ADR 0013)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Role
from scheduling import delivery
from scheduling.models import DueWork, MessageLog, MessageStatus, WorkKind, WorkState
from scheduling.schedule import add_work
from scheduling.sweep import sweep
from sessions import actions
from tests.factories import TeamFactory, UserFactory
from tests.helpers import book, open_programme, text

pytestmark = pytest.mark.django_db

URL = "/staff/tasks/failed/"
SMTP_ERROR = "SMTPRecipientsRefused({'sam.jones@family.invalid': (550, b'No such user')})"


def fail(work, error=SMTP_ERROR, attempts=5):
    DueWork.objects.filter(pk=work.pk).update(
        state=WorkState.FAILED, attempts=attempts, last_error=error, finished_at=timezone.now()
    )
    work.refresh_from_db()
    return work


@pytest.fixture
def booked(programme, practitioner, django_capture_on_commit_callbacks):
    """The family's visit in 10 days: the booking email sent, two reminders planned."""
    with django_capture_on_commit_callbacks(execute=True):
        return book(programme, practitioner, days=10)


@pytest.fixture
def failed_reminder(booked):
    return fail(DueWork.objects.filter(kind=WorkKind.REMINDER, payload__days=7).get())


@pytest.fixture
def undelivered(booked):
    """The booking message, which GOV.UK Notify reported it could not deliver."""
    log = MessageLog.objects.get(template="visit_booked")
    MessageLog.objects.filter(pk=log.pk).update(notify_id="n-1")
    delivery.failed("n-1", "permanent-failure")
    log.refresh_from_db()
    assert log.status == MessageStatus.FAILED
    return log


@pytest.fixture
def neighbours_failure(team, team_lead):
    """A failed reminder of a family in another team of the same service."""
    south = TeamFactory(service=team.service, name="South Locality")
    guider = UserFactory(team=south, full_name="Sid South")
    south_lead = UserFactory(team=south, role=Role.TEAM_LEAD, full_name="Sue Southlead")
    programme = open_programme(team.service, team_lead=south_lead, practitioner=guider)
    assert programme.team == south
    visit = book(programme, guider, days=12)
    return fail(DueWork.objects.filter(visit=visit, kind=WorkKind.REMINDER).first())


def test_the_team_lead_sees_their_teams_failures_in_plain_words(
    lead_client, failed_reminder, undelivered, neighbours_failure, programme
):
    page = text(lead_client.get(URL))
    assert "Visit reminder (7 days before)" in page
    assert programme.reference in page
    assert "The mail server would not take the email." in page
    assert "Visit booked message (email)" in page
    assert "The phone number does not exist or cannot receive texts." in page
    assert "sam.jones@family.invalid" not in page  # the raw error is not shown
    assert neighbours_failure.visit.programme.reference not in page


def test_a_service_admin_sees_every_team_of_their_service(
    client, team, failed_reminder, neighbours_failure
):
    from tests.helpers import sign_in_fully

    admin = UserFactory(team=team, role=Role.SERVICE_ADMIN, full_name="Sam Admin")
    sign_in_fully(client, admin)
    page = text(client.get(URL))
    assert failed_reminder.visit.programme.reference in page
    assert neighbours_failure.visit.programme.reference in page
    home = text(client.get(reverse("accounts:home")))
    assert "Failed messages and scheduled work – 2 to look at; try them again" in home


def test_practitioners_and_outsiders_cannot_see_it(staff_client, practitioner, failed_reminder):
    assert staff_client(practitioner).get(URL).status_code == 403


def test_another_teams_lead_does_not_find_the_row(failed_reminder, team, client):
    from tests.helpers import sign_in_fully

    south = TeamFactory(service=team.service, name="South Locality")
    sign_in_fully(client, UserFactory(team=south, role=Role.TEAM_LEAD))
    response = client.post(URL, {"kind": "work", "row": failed_reminder.pk})
    assert response.status_code == 404
    assert DueWork.objects.get(pk=failed_reminder.pk).state == WorkState.FAILED


def test_try_again_makes_the_row_due_now_once_and_it_is_sent(
    lead_client, team_lead, failed_reminder, django_capture_on_commit_callbacks
):
    response = lead_client.post(URL, {"kind": "work", "row": failed_reminder.pk})
    assert response.status_code == 302
    work = DueWork.objects.get(pk=failed_reminder.pk)
    assert (work.state, work.attempts) == (WorkState.DUE, 0)
    assert work.due_at <= timezone.now()
    event = AuditEvent.objects.get(action="work.retried")
    assert event.actor_id == team_lead.pk
    assert event.family_reference == work.visit.programme.reference
    assert event.details["error"] == "The mail server would not take the email."
    assert "Visit reminder" not in text(lead_client.get(URL))

    # Pressed twice: nothing more changes.
    response = lead_client.post(URL, {"kind": "work", "row": work.pk}, follow=True)
    page = text(response)
    assert "already being tried again" in page
    assert AuditEvent.objects.filter(action="work.retried").count() == 1
    assert DueWork.objects.get(pk=work.pk).state == WorkState.DUE

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    assert [m.subject for m in mail.outbox] == ["Reminder: your visit in 7 days"]
    assert DueWork.objects.get(pk=work.pk).state == WorkState.DONE


def test_try_again_sends_an_undelivered_message_once_more(
    lead_client, undelivered, django_capture_on_commit_callbacks
):
    old_reference = undelivered.reference
    assert lead_client.post(URL, {"kind": "message", "row": undelivered.pk}).status_code == 302
    log = MessageLog.objects.get(pk=undelivered.pk)
    assert log.status == MessageStatus.SENDING and log.reference != old_reference
    assert AuditEvent.objects.get(action="message.retried").details["notify_status"] == (
        "permanent-failure"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    assert [m.subject for m in mail.outbox] == ["Your visit is booked"]
    assert MessageLog.objects.get(pk=log.pk).status == MessageStatus.SENT
    assert MessageLog.objects.filter(template="visit_booked").count() == 1


def test_a_message_about_a_visit_changed_since_is_not_sent_again(
    lead_client, undelivered, booked, practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_visit(visit=booked, cancelled_by_family=False, by=practitioner)
    response = lead_client.post(URL, {"kind": "message", "row": undelivered.pk})
    assert response.status_code == 400
    assert "changed or been cancelled since" in text(response)
    assert MessageLog.objects.get(pk=undelivered.pk).status == MessageStatus.FAILED


def test_only_failed_rows_change_and_bad_input_changes_nothing(lead_client, booked):
    due = DueWork.objects.filter(kind=WorkKind.REMINDER).first()
    lead_client.post(URL, {"kind": "work", "row": due.pk})
    assert DueWork.objects.get(pk=due.pk).due_at == due.due_at  # not failed: untouched
    assert not AuditEvent.objects.filter(action="work.retried").exists()
    for bad in (
        {},
        {"kind": "work", "row": "x"},
        {"kind": "other", "row": due.pk},
        {"kind": "work", "row": "²"},  # a digit to str.isdigit(), not to int()
        {"kind": "work", "row": "١٢"},  # Arabic-Indic digits
        {"kind": "work", "row": "9" * 40},
    ):
        response = lead_client.post(URL, bad)
        assert response.status_code == 400
        assert "Choose a row to try again" in text(response)


def test_the_lead_home_links_the_count_of_failures(lead_client, failed_reminder, undelivered):
    response = lead_client.get(reverse("accounts:home"))
    page = response.content.decode()
    assert f'href="{URL}"><strong>1 scheduled job and 1 message failed</strong>' in page


def add_failures(visit, start, count):
    for n in range(start, start + count):
        fail(
            add_work(
                key=f"test-failure:{n}",
                kind=WorkKind.REMINDER,
                service=visit.programme.referral.service,
                due_at=timezone.now(),
                programme=visit.programme,
                visit=visit,
                payload={"days": 7},
            )
        )


def test_the_page_makes_the_same_queries_however_many_rows_failed(
    lead_client, booked, undelivered, programme, team_lead, practitioner, team
):
    other = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    other_visit = book(other, practitioner, days=11)
    add_failures(booked, 0, 1)
    add_failures(other_visit, 1, 1)
    lead_client.get(URL)  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert lead_client.get(URL).status_code == 200
    add_failures(booked, 2, 20)
    add_failures(other_visit, 22, 20)
    with CaptureQueriesContext(connection) as many:
        response = lead_client.get(URL)
    assert response.status_code == 200
    assert "1 to 25 of 42" in text(response)
    assert len(many) == len(few), [q["sql"] for q in many]
    second = text(lead_client.get(URL + "?work=2"))
    assert "26 to 42 of 42" in second
