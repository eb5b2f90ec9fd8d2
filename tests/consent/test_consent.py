from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from consent import actions
from consent.models import ConsentFormVersion, ConsentRecord, Kind, Method, Scope
from consent.queries import allowed_now, current_records, filming_allowed
from consent.signals import consent_withdrawn
from sessions import actions as programme_actions
from sessions.models import VisitKind
from tests.helpers import at, consent_form, give_consent

pytestmark = pytest.mark.django_db


def test_each_record_points_at_the_current_form_version(programme, practitioner):
    service = programme.referral.service
    consent_form(service, "1.0", effective_from=timezone.localdate() - timedelta(days=30))
    newest = consent_form(service, "2.0", effective_from=timezone.localdate())
    consent_form(service, "3.0", effective_from=timezone.localdate() + timedelta(days=5))
    assert ConsentFormVersion.current_for(service) == newest
    records = give_consent(programme, practitioner)
    assert {r.form_version.version for r in records} == {"2.0"}


def test_consent_is_recorded_per_scope_and_shown_as_allowed_now(programme, practitioner):
    give_consent(programme, practitioner, except_scopes=[Scope.TRAINING, Scope.GROUP_SUPERVISION])
    assert allowed_now(programme) == {
        Scope.FILMING: True,
        Scope.KEEP_FILM: True,
        Scope.SUPERVISOR: True,
        Scope.GROUP_SUPERVISION: False,
        Scope.TRAINING: False,
    }


def test_nothing_is_allowed_before_anyone_answers(programme):
    assert not any(allowed_now(programme).values())


def test_how_consent_was_given_must_be_complete(programme, practitioner):
    consent_form(programme.referral.service)
    caregiver = programme.referral.caregivers.get()
    answers = dict.fromkeys(Scope.values, True)
    with pytest.raises(actions.ConsentError, match="type their name"):
        actions.record_consent(
            programme=programme,
            caregiver=caregiver,
            answers=answers,
            method=Method.SIGNED_ON_SCREEN,
            by=practitioner,
        )
    with pytest.raises(actions.ConsentError, match="witness"):
        actions.record_consent(
            programme=programme,
            caregiver=caregiver,
            answers=answers,
            method=Method.VERBAL,
            by=practitioner,
        )
    with pytest.raises(actions.ConsentError, match="every part"):
        actions.record_consent(
            programme=programme,
            caregiver=caregiver,
            answers={Scope.FILMING: True},
            method=Method.PAPER,
            by=practitioner,
        )
    assert not ConsentRecord.objects.exists()


def test_without_a_consent_form_nothing_is_recorded(programme, practitioner):
    caregiver = programme.referral.caregivers.get()
    with pytest.raises(actions.ConsentError, match="no consent form"):
        actions.record_consent(
            programme=programme,
            caregiver=caregiver,
            answers=dict.fromkeys(Scope.values, True),
            method=Method.PAPER,
            by=practitioner,
        )


def test_records_are_append_only(programme, practitioner):
    record = give_consent(programme, practitioner)[0]
    record.granted = False
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        record.delete()


def test_one_current_record_per_caregiver_and_scope(programme, practitioner):
    record = give_consent(programme, practitioner)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.create(
            programme=programme,
            caregiver=record.caregiver,
            scope=record.scope,
            kind=Kind.GIVEN,
            granted=True,
            form_version=record.form_version,
            method=Method.PAPER,
            recorded_by=practitioner,
        )


def test_a_withdrawal_cannot_grant_anything(programme, practitioner):
    caregiver = programme.referral.caregivers.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.create(
            programme=programme,
            caregiver=caregiver,
            scope=Scope.FILMING,
            kind=Kind.WITHDRAWN,
            granted=True,
            recorded_by=practitioner,
        )


def test_withdrawal_stops_filming_and_nothing_else(
    programme, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    give_consent(programme, practitioner)
    filming = programme_actions.book_visit(
        programme=programme, kind=VisitKind.FILMING, starts_at=at(3), place="home", by=practitioner
    )
    heard = []
    consent_withdrawn.connect(lambda **kw: heard.append(kw["scopes"]), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = actions.withdraw_consent(
                programme=programme,
                caregiver=programme.referral.caregivers.get(),
                scopes=[Scope.FILMING, Scope.KEEP_FILM],
                reason="Changed my mind",
                by=practitioner,
            )
    finally:
        consent_withdrawn.disconnect(dispatch_uid="t")
    assert result.affected_filming_visits == [filming]
    assert heard == [[Scope.FILMING, Scope.KEEP_FILM]]
    assert not filming_allowed(programme)
    assert allowed_now(programme)[Scope.SUPERVISOR] is True  # not withdrawn
    # Filming is refused by the actions, not only hidden.
    with pytest.raises(programme_actions.ProgrammeError, match="withdrawn"):
        programme_actions.book_visit(
            programme=programme,
            kind=VisitKind.FILMING,
            starts_at=at(5),
            place="home",
            by=practitioner,
        )
    # Other care carries on.
    other = programme_actions.book_visit(
        programme=programme, kind=VisitKind.OTHER, starts_at=at(6), place="home", by=practitioner
    )
    assert other.pk
    assert len(mailoutbox) == 1 and "Being filmed" in mailoutbox[0].body
    assert "does not change the rest of the care" in mailoutbox[0].body


def test_withdrawal_cannot_be_undone_by_editing_only_by_new_consent(programme, practitioner):
    give_consent(programme, practitioner)
    caregiver = programme.referral.caregivers.get()
    withdrawal = actions.withdraw_consent(
        programme=programme, caregiver=caregiver, scopes=Scope.values, by=practitioner
    ).records[0]
    withdrawal.granted = True
    with pytest.raises(ValidationError):
        withdrawal.save()
    assert not filming_allowed(programme)
    give_consent(programme, practitioner)
    assert filming_allowed(programme)
    history = ConsentRecord.objects.filter(caregiver=caregiver, scope=Scope.FILMING)
    assert [(r.kind, r.granted, r.superseded_at is None) for r in history] == [
        (Kind.GIVEN, True, False),
        (Kind.WITHDRAWN, False, False),
        (Kind.GIVEN, True, True),
    ]
    assert set(current_records(programme)[caregiver.pk]) == set(Scope.values)


def test_withdrawal_needs_a_scope_and_cannot_be_dated_ahead(programme, practitioner):
    caregiver = programme.referral.caregivers.get()
    with pytest.raises(actions.ConsentError, match="Choose what"):
        actions.withdraw_consent(
            programme=programme, caregiver=caregiver, scopes=[], by=practitioner
        )
    with pytest.raises(actions.ConsentError, match="future"):
        actions.withdraw_consent(
            programme=programme,
            caregiver=caregiver,
            scopes=[Scope.TRAINING],
            by=practitioner,
            effective_on=timezone.localdate() + timedelta(days=1),
        )
