"""Every Celery task stands on ``vig_service.tasks.ServiceTask``: enqueued after
commit, loading rows by id, retrying only external I/O, with bounded backoff."""

import importlib
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from vig_service.celery import app as celery_app
from vig_service.tasks import EXTERNAL_IO_RETRY, ServiceTask, load, task

APPS = ("accounts", "referrals", "sessions", "consent", "reports", "films")
EMAIL_TASKS = {
    "accounts.tasks.send_welcome_email",
    "accounts.tasks.send_password_reset_email",
    "referrals.tasks.send_acknowledgement",
    "sessions.tasks.email_summary",
    "sessions.tasks.email_closing_letter",
    "consent.tasks.send_withdrawal_confirmation",
}
CALLS = []


@task()
def remember(value):
    CALLS.append(value)


def service_tasks():
    for app in APPS:
        try:
            importlib.import_module(f"{app}.tasks")
        except ModuleNotFoundError:
            continue
    return {name: t for name, t in celery_app.tasks.items() if name.split(".")[0] in APPS}


def test_every_task_is_a_service_task():
    tasks = service_tasks()

    assert EMAIL_TASKS <= set(tasks)
    assert {name for name, t in tasks.items() if not isinstance(t, ServiceTask)} == set()


@pytest.mark.parametrize("name", sorted(EMAIL_TASKS))
def test_tasks_that_talk_to_a_mail_server_retry_with_bounded_backoff(name):
    email_task = service_tasks()[name]

    assert set(email_task.autoretry_for) >= {OSError, smtplib.SMTPException}
    assert (email_task.retry_backoff, email_task.retry_backoff_max) == (30, 600)
    assert email_task.max_retries == EXTERNAL_IO_RETRY["max_retries"] == 5
    assert email_task.retry_jitter


def test_nothing_else_is_retried():
    tasks = service_tasks()

    assert not getattr(tasks["accounts.tasks.clear_expired_sessions"], "autoretry_for", ())


def test_tasks_are_acknowledged_late_unless_they_cannot_be_repeated():
    tasks = service_tasks()

    assert tasks["accounts.tasks.send_welcome_email"].acks_late
    assert tasks["accounts.tasks.clear_expired_sessions"].acks_late
    assert not tasks["accounts.tasks.send_password_reset_email"].acks_late


@pytest.mark.django_db
def test_delay_inside_a_transaction_waits_for_the_commit(django_capture_on_commit_callbacks):
    CALLS.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            remember.delay("after commit")
            assert CALLS == []

    assert CALLS == ["after commit"]


@pytest.mark.django_db(transaction=True)
def test_delay_inside_a_rolled_back_transaction_never_runs():
    CALLS.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        remember.delay("rolled back")
        raise RuntimeError

    remember.delay("outside any transaction")

    assert CALLS == ["outside any transaction"]


@pytest.mark.django_db
def test_a_row_gone_since_enqueueing_makes_the_task_a_quiet_no_op(practitioner, caplog):
    from accounts.models import User
    from accounts.tasks import send_welcome_email

    assert load(User, practitioner.pk) == practitioner
    assert load(User.objects.filter(is_active=False), practitioner.pk) is None
    assert send_welcome_email.apply(args=[987654]).get() is False
    assert "User 987654 no longer exists" in caplog.text
    assert mail.outbox == []


def test_a_mail_server_that_fails_once_is_tried_again():
    from accounts.tasks import send_password_reset_email

    with mock.patch(
        "accounts.tasks.send_mail", side_effect=[smtplib.SMTPServerDisconnected(), 1]
    ) as send:
        # As a worker would: the retry is handled, not raised to the caller.
        result = send_password_reset_email.apply(
            args=["Subject", "Body", "a@example.invalid"], throw=False
        )

    assert result.get() is True
    assert send.call_count == 2
