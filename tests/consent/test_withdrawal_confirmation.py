"""The parent's written confirmation of a withdrawal goes once per withdrawal,
however often its task is delivered: ``WithdrawalConfirmation.sent_at`` says it went.
Consent records themselves stay append-only."""

import pytest
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEvent
from consent import actions, tasks
from consent.models import Scope, WithdrawalConfirmation
from referrals.models import Caregiver
from tests.helpers import give_consent, mail_server_fails_once

pytestmark = pytest.mark.django_db

FAMILY = "sam.jones@family.invalid"


def withdraw(programme, by, scopes=(Scope.FILMING, Scope.KEEP_FILM)):
    # Outside captured on-commit callbacks, the task is enqueued but never runs here.
    return actions.withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.get(),
        scopes=list(scopes),
        by=by,
    )


def confirmations_sent():
    return AuditEvent.objects.filter(action=actions.AuditAction.CONFIRMATION_SENT).count()


@pytest.fixture
def consented(programme, practitioner):
    give_consent(programme, practitioner)
    return programme


def test_each_withdrawal_has_one_confirmation_waiting_to_go(consented, practitioner):
    first = withdraw(consented, practitioner).records
    second = withdraw(consented, practitioner, scopes=[Scope.TRAINING]).records

    assert list(WithdrawalConfirmation.objects.values_list("record", "sent_at")) == [
        (first[0].pk, None),
        (second[0].pk, None),
    ]


def test_delivered_twice_it_sends_one_email_after_a_failed_try(
    consented, practitioner, mailoutbox, monkeypatch
):
    record = withdraw(consented, practitioner).records[0]
    attempts = mail_server_fails_once(monkeypatch)

    # The first delivery fails to send and is retried; the second finds it sent.
    for _ in range(2):
        tasks.send_withdrawal_confirmation.apply(args=[record.pk], throw=False)

    assert attempts == [[FAMILY]] * 2
    assert [m.to for m in mailoutbox] == [[FAMILY]]
    assert "Being filmed" in mailoutbox[0].body
    confirmation = WithdrawalConfirmation.objects.get()
    assert confirmation.sent_at is not None
    assert confirmation.sent_to == FAMILY
    assert confirmations_sent() == 1


def test_a_failed_send_leaves_it_unsent_for_the_retry(
    consented, practitioner, mailoutbox, monkeypatch
):
    record = withdraw(consented, practitioner).records[0]
    mail_server_fails_once(monkeypatch)

    with pytest.raises(OSError):
        tasks.send_withdrawal_confirmation(record.pk)

    assert WithdrawalConfirmation.objects.get().sent_at is None
    assert confirmations_sent() == 0
    assert tasks.send_withdrawal_confirmation(record.pk) is True
    assert len(mailoutbox) == 1


def test_the_guard_reads_the_confirmation_not_the_audit_trail(consented, practitioner, mailoutbox):
    sent = withdraw(consented, practitioner).records[0]
    WithdrawalConfirmation.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    unsent = withdraw(consented, practitioner, scopes=[Scope.TRAINING]).records[0]
    # An event in the trail alone decides nothing.
    audit.record(actions.AuditAction.CONFIRMATION_SENT, actor_label="system", target=unsent)

    assert tasks.send_withdrawal_confirmation(sent.pk) is False
    assert tasks.send_withdrawal_confirmation(unsent.pk) is True
    assert len(mailoutbox) == 1
    assert "Using clips in training" in mailoutbox[0].body


def test_nothing_goes_without_an_address_or_a_withdrawal(consented, practitioner, mailoutbox):
    Caregiver.objects.filter(referral=consented.referral).update(email="")
    record = withdraw(consented, practitioner).records[0]
    given = consented.consent_records.filter(kind="given").first()

    assert tasks.send_withdrawal_confirmation(record.pk) is False
    assert tasks.send_withdrawal_confirmation(given.pk) is False
    assert WithdrawalConfirmation.objects.get().sent_at is None
    assert mailoutbox == []
