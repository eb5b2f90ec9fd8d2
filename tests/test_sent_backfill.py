"""The migrations that gave each email its own "sent" field fill it from the audit
trail, once, so a task redelivered across the upgrade sends nothing twice."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts import audit
from accounts.models import AuditAction, User
from consent import actions as consent_actions
from consent.models import Scope, WithdrawalConfirmation
from sessions import actions
from sessions.models import DeliveryMethod, SummaryDelivery
from tests.factories import UserFactory
from tests.helpers import attended, give_consent
from vig_service.tasks import ServiceTask

BEFORE = [
    ("accounts", "0005_database_cache_table"),
    ("vig_sessions", "0004_summary_skip"),
    ("consent", "0003_admin_help_text"),
]
FAMILY = "sam.jones@family.invalid"


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def sent(action, target, **details):
    return audit.record(action, actor_label="system", target=target, details=details).created_at


def withdraw(programme, by, scope):
    return consent_actions.withdraw_consent(
        programme=programme, caregiver=programme.referral.caregivers.get(), scopes=[scope], by=by
    ).records[0]


@pytest.mark.django_db(transaction=True)
def test_each_sent_field_is_filled_from_the_audit_trail(team, programme, practitioner, monkeypatch):
    # No task runs here: what was sent is what the audit trail says.
    monkeypatch.setattr(ServiceTask, "apply_async", lambda *args, **kwargs: None)
    welcomed, unwelcomed = UserFactory(team=team), UserFactory(team=team)
    welcomed_at = sent(AuditAction.STAFF_WELCOME_SENT, welcomed, to=[welcomed.email])
    summary = actions.write_summary(
        visit=attended(programme, practitioner),
        strengths="Calm",
        points_to_work_on="Pauses",
        next_steps="More",
        by=practitioner,
    )
    emailed, unemailed = (
        actions.send_summary(summary=summary, method=DeliveryMethod.EMAIL, by=practitioner).delivery
        for _ in range(2)
    )
    emailed_at = sent(actions.AuditAction.SUMMARY_EMAILED, emailed, to=[FAMILY])
    give_consent(programme, practitioner)
    confirmed = withdraw(programme, practitioner, Scope.TRAINING)
    unconfirmed = withdraw(programme, practitioner, Scope.SUPERVISOR)
    confirmed_at = sent(consent_actions.AuditAction.CONFIRMATION_SENT, confirmed, to=[FAMILY])

    try:
        migrate(BEFORE)
    finally:
        migrate()

    assert User.objects.get(pk=welcomed.pk).welcome_sent_at == welcomed_at
    assert User.objects.get(pk=unwelcomed.pk).welcome_sent_at is None
    assert SummaryDelivery.objects.get(pk=emailed.pk).emailed_at == emailed_at
    assert SummaryDelivery.objects.get(pk=unemailed.pk).emailed_at is None
    # Every earlier withdrawal has its confirmation again, for a task still queued.
    assert set(WithdrawalConfirmation.objects.values_list("record", "sent_at", "sent_to")) == {
        (confirmed.pk, confirmed_at, FAMILY),
        (unconfirmed.pk, None, ""),
    }
