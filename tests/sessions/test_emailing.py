"""A summary or closing letter sent by email leaves once per sending, however often
its task is delivered: ``SummaryDelivery.emailed_at`` says it went."""

import pytest
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEvent
from sessions import actions, tasks
from sessions.models import DeliveryMethod, EndReason, SummaryDelivery
from tests.helpers import attended, mail_server_fails_once

pytestmark = pytest.mark.django_db

FAMILY = "sam.jones@family.invalid"


@pytest.fixture
def summary(programme, practitioner):
    visit = attended(programme, practitioner)
    return actions.write_summary(
        visit=visit,
        strengths="Your warm tone",
        points_to_work_on="Waiting",
        next_steps="Film at bath time",
        by=practitioner,
    )


def summary_emailed(summary, practitioner):
    # Outside captured on-commit callbacks, the task is enqueued but never runs here.
    return actions.send_summary(summary=summary, method=DeliveryMethod.EMAIL, by=practitioner)


def closing_letter_emailed(programme, practitioner):
    actions.end_programme(
        programme=programme,
        reason=EndReason.COMPLETED,
        ended_on=timezone.localdate(),
        ending_summary="Sam and Robin enjoy bath time together now.",
        by=practitioner,
    )
    return actions.record_closing_letter(
        programme=programme, method=DeliveryMethod.EMAIL, by=practitioner
    )


def emailed_events(action):
    return AuditEvent.objects.filter(action=action).count()


def test_the_summary_task_delivered_twice_sends_one_email_after_a_failed_try(
    summary, practitioner, mailoutbox, monkeypatch
):
    delivery = summary_emailed(summary, practitioner).delivery
    attempts = mail_server_fails_once(monkeypatch)

    # The first delivery fails to send and is retried; the second finds it sent.
    for _ in range(2):
        tasks.email_summary.apply(args=[delivery.pk], throw=False)

    assert attempts == [[FAMILY]] * 2
    assert [m.to for m in mailoutbox] == [[FAMILY]]
    assert "Film at bath time" in mailoutbox[0].body
    delivery.refresh_from_db()
    assert delivery.emailed_at is not None
    assert emailed_events(actions.AuditAction.SUMMARY_EMAILED) == 1


def test_the_closing_letter_task_delivered_twice_sends_one_email_after_a_failed_try(
    programme, practitioner, mailoutbox, monkeypatch
):
    delivery = closing_letter_emailed(programme, practitioner).delivery
    attempts = mail_server_fails_once(monkeypatch)

    for _ in range(2):
        tasks.email_closing_letter.apply(args=[delivery.pk], throw=False)

    assert attempts == [[FAMILY]] * 2
    assert [m.to for m in mailoutbox] == [[FAMILY]]
    assert "bath time together" in mailoutbox[0].body
    delivery.refresh_from_db()
    assert delivery.emailed_at is not None
    assert emailed_events(actions.AuditAction.CLOSING_LETTER_EMAILED) == 1


def test_a_failed_send_leaves_the_sending_unmarked_for_the_retry(
    summary, practitioner, mailoutbox, monkeypatch
):
    delivery = summary_emailed(summary, practitioner).delivery
    mail_server_fails_once(monkeypatch)

    with pytest.raises(OSError):
        tasks.email_summary(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.emailed_at is None
    assert emailed_events(actions.AuditAction.SUMMARY_EMAILED) == 0
    assert tasks.email_summary(delivery.pk) is True
    assert len(mailoutbox) == 1


def test_the_guard_reads_the_sending_not_the_audit_trail(summary, practitioner, mailoutbox):
    sent = summary_emailed(summary, practitioner).delivery
    SummaryDelivery.objects.filter(pk=sent.pk).update(emailed_at=timezone.now())
    unsent = SummaryDelivery.objects.create(
        programme=sent.programme,
        summary=summary,
        method=DeliveryMethod.EMAIL,
        sent_to=FAMILY,
        sent_by=practitioner,
    )
    # An event in the trail alone decides nothing.
    audit.record(actions.AuditAction.SUMMARY_EMAILED, actor_label="system", target=unsent)

    assert tasks.email_summary(sent.pk) is False
    assert tasks.email_summary(unsent.pk) is True
    assert [m.to for m in mailoutbox] == [[FAMILY]]


def test_a_printed_letter_or_the_other_letter_is_never_emailed(
    summary, programme, practitioner, mailoutbox
):
    printed = actions.send_summary(summary=summary, method=DeliveryMethod.LETTER, by=practitioner)
    emailed = summary_emailed(summary, practitioner).delivery

    assert tasks.email_summary(printed.delivery.pk) is False
    assert tasks.email_closing_letter(emailed.pk) is False
    assert tasks.email_summary(0) is False
    assert mailoutbox == []
