"""A real Celery worker (CI: Redis; embedded: Kombu's filesystem transport).

Work that follows a change is enqueued on commit, so a worker sees it exactly
once, and never for a change that was rolled back.
"""

import time

import pytest
from django.core import mail
from django.db import transaction

from accounts.actions import create_staff_user
from accounts.models import AuditAction, AuditEvent, Role
from accounts.tasks import send_welcome_email
from tests.factories import PASSWORD, TeamFactory
from tests.workers import running_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, django_db_blocker):
    with running_worker("accounts-worker-test", django_db_blocker) as worker:
        yield worker


def welcome_events(user):
    return AuditEvent.objects.filter(
        action=AuditAction.STAFF_WELCOME_SENT, target_id=str(user.pk)
    ).count()


def test_on_commit_task_runs_exactly_once_on_a_real_worker(celery_worker, mailoutbox):
    team = TeamFactory()
    with transaction.atomic():
        user = create_staff_user(
            email="New.Guider@Trust.invalid",
            full_name="New Guider",
            role=Role.PRACTITIONER,
            team=team,
            password=PASSWORD,
        )
        # Nothing is on the queue until the transaction commits.
        time.sleep(1.5)
        assert len(mail.outbox) == 0

    assert wait_for(lambda: len(mail.outbox) == 1), "the worker never sent the welcome email"
    assert mail.outbox[0].to == ["new.guider@trust.invalid"]
    assert "/staff/sign-in/" in mail.outbox[0].body

    # A second delivery of the same task (a broker redelivery) sends nothing more.
    send_welcome_email.delay(user.pk)
    time.sleep(3)
    assert len(mail.outbox) == 1
    assert welcome_events(user) == 1


def test_rolled_back_change_enqueues_nothing(celery_worker, mailoutbox):
    team = TeamFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        create_staff_user(
            email="rolled.back@trust.invalid",
            full_name="Rolled Back",
            role=Role.PRACTITIONER,
            team=team,
            password=PASSWORD,
        )
        raise RuntimeError("the request failed after the write")
    time.sleep(3)
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action=AuditAction.STAFF_CREATED).exists()
