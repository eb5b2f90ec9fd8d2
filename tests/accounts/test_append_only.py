"""Append-only rows refuse changes one at a time *and* in bulk."""

import pytest

from accounts import audit
from accounts.immutable import AppendOnlyError
from accounts.models import AuditEvent
from consent.models import ConsentRecord
from tests.factories import ServiceFactory
from tests.helpers import give_consent, open_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(practitioner):
    return audit.record("auth.sign_in", actor=practitioner, details={"second_factor": "x"})


@pytest.mark.parametrize(
    "bulk_change",
    [
        lambda rows: rows.update(actor_label="someone else"),
        lambda rows: rows.delete(),
        lambda rows: rows.bulk_update(list(rows), ["actor_label"]),
        lambda rows: rows.update_or_create(pk=rows[0].pk, defaults={"actor_label": "x"}),
        lambda rows: rows.amend(actor_label="someone else"),
    ],
    ids=["update", "delete", "bulk_update", "update_or_create", "amend"],
)
def test_audit_events_refuse_bulk_changes(event, bulk_change):
    with pytest.raises(AppendOnlyError):
        bulk_change(AuditEvent.objects.filter(pk=event.pk))

    assert AuditEvent.objects.get(pk=event.pk).actor_label == "alice@trust.invalid"


@pytest.fixture
def consent_records(team, team_lead, practitioner):
    service = ServiceFactory()
    team.service = service
    team.save()
    programme = open_programme(service, team_lead=team_lead, practitioner=practitioner)
    return give_consent(programme, practitioner)


@pytest.mark.parametrize(
    "bulk_change",
    [
        lambda rows: rows.update(granted=False),
        lambda rows: rows.delete(),
        lambda rows: rows.bulk_update(list(rows), ["granted"]),
        lambda rows: rows.amend(granted=False),
        lambda rows: rows.amend(),
    ],
    ids=["update", "delete", "bulk_update", "amend-another-field", "amend-nothing"],
)
def test_consent_records_refuse_bulk_changes(consent_records, bulk_change):
    with pytest.raises(AppendOnlyError):
        bulk_change(ConsentRecord.objects.all())

    assert ConsentRecord.objects.filter(granted=True).count() == len(consent_records)


def test_only_superseding_may_touch_a_consent_record_once_written(consent_records):
    from django.utils import timezone

    changed = ConsentRecord.objects.filter(pk=consent_records[0].pk).amend(
        superseded_at=timezone.now()
    )

    assert changed == 1
    assert ConsentRecord.objects.filter(superseded_at__isnull=False).count() == 1
