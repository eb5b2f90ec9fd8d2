"""The welcome email goes once per account: ``User.welcome_sent_at`` says it went."""

import pytest
from django.utils import timezone

from accounts import audit
from accounts.models import AuditAction, AuditEvent, User
from accounts.tasks import send_welcome_email
from tests.factories import UserFactory
from tests.helpers import mail_server_fails_once

pytestmark = pytest.mark.django_db


def welcomes(user):
    return AuditEvent.objects.filter(
        action=AuditAction.STAFF_WELCOME_SENT, target_id=str(user.pk)
    ).count()


def test_delivered_twice_it_sends_one_email_after_a_failed_try(team, mailoutbox, monkeypatch):
    user = UserFactory(team=team, email="new.guider@trust.invalid")
    attempts = mail_server_fails_once(monkeypatch)

    # The first delivery fails to send and is retried; the second finds it sent.
    for _ in range(2):
        send_welcome_email.apply(args=[user.pk], throw=False)

    assert attempts == [["new.guider@trust.invalid"]] * 2
    assert [m.to for m in mailoutbox] == [["new.guider@trust.invalid"]]
    assert "/staff/sign-in/" in mailoutbox[0].body
    user.refresh_from_db()
    assert user.welcome_sent_at is not None
    assert welcomes(user) == 1


def test_a_failed_send_leaves_it_unsent_for_the_retry(team, mailoutbox, monkeypatch):
    user = UserFactory(team=team)
    mail_server_fails_once(monkeypatch)

    with pytest.raises(OSError):
        send_welcome_email(user.pk)

    user.refresh_from_db()
    assert user.welcome_sent_at is None
    assert welcomes(user) == 0
    assert send_welcome_email(user.pk) is True
    assert len(mailoutbox) == 1


def test_the_guard_reads_the_account_not_the_audit_trail(team, mailoutbox):
    sent = UserFactory(team=team)
    User.objects.filter(pk=sent.pk).update(welcome_sent_at=timezone.now())
    # An event in the trail alone decides nothing.
    unsent = UserFactory(team=team)
    audit.record(AuditAction.STAFF_WELCOME_SENT, actor_label="system", target=unsent)

    assert send_welcome_email(sent.pk) is False
    assert send_welcome_email(unsent.pk) is True
    assert [m.to for m in mailoutbox] == [[unsent.email]]


def test_nobody_is_welcomed_once_they_have_left(team, mailoutbox):
    gone = UserFactory(team=team, is_active=False)

    assert send_welcome_email(gone.pk) is False
    assert mailoutbox == []
