import uuid
from datetime import date

import pytest
from django.db import IntegrityError
from django.utils import timezone

from accounts.models import AuditEvent, Role
from referrals import actions, tasks
from referrals.duplicates import possible_duplicates
from referrals.models import Allocation, Referral, Route, Status, StatusChange
from reports.queries import caseload_sizes
from tests.factories import ServiceFactory, UserFactory
from tests.helpers import mail_server_fails_once, make_referral

pytestmark = pytest.mark.django_db


def test_submitting_stores_everything_and_audits(
    service, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = make_referral(service)
    assert referral.reference.startswith("VIG-")
    assert referral.caregivers.get().postcode == "SK1 3XE"
    assert referral.children.get().date_of_birth == date(2025, 6, 1)
    assert [s.status for s in referral.status_changes.all()] == [Status.NEW]
    event = AuditEvent.objects.get(action=actions.AuditAction.SUBMITTED)
    assert event.family_reference == referral.reference
    assert len(mailoutbox) == 1
    assert referral.reference in mailoutbox[0].body
    assert mailoutbox[0].to == ["sam.jones@family.invalid"]


def test_the_same_submission_twice_creates_one_referral(service):
    key = uuid.uuid4()
    kwargs = dict(
        service=service,
        route=Route.SELF,
        source="B1",
        caregiver=actions.CaregiverDetails(
            first_name="A", last_name="B", relationship="father", postcode="SK1 1AA"
        ),
        details=actions.ReferralDetails(
            children=[actions.ChildDetails(date_of_birth=date(2025, 1, 1))]
        ),
        submission_key=key,
    )
    first, created = actions.submit_referral(**kwargs)
    second, created_again = actions.submit_referral(**kwargs)
    assert (created, created_again) == (True, False)
    assert first.pk == second.pk and Referral.objects.count() == 1


def test_professional_referral_needs_family_agreement(service):
    with pytest.raises(actions.ReferralError, match="agreed"):
        make_referral(service, route=Route.PROFESSIONAL, family_agreed=False)
    assert not Referral.objects.exists()
    with pytest.raises(IntegrityError):
        Referral.objects.create(
            reference="VIG-AAAA-AAAA", service=service, route="professional", source="A4"
        )


def test_closed_routes_are_refused(service):
    service.self_referral_open = False
    service.save()
    with pytest.raises(actions.ReferralError, match="not taking self-referrals"):
        make_referral(service)


def test_triage_keeps_every_status_change_with_who_and_when(service, team_lead):
    referral = make_referral(service)
    actions.triage(
        referral=referral, decision="request_info", priority=1, note="Which hub?", by=team_lead
    )
    actions.triage(referral=referral, decision="accept", priority=2, by=team_lead)
    referral.refresh_from_db()
    assert (referral.status, referral.priority) == (Status.WAITING, 2)
    history = list(referral.status_changes.values_list("status", "changed_by__email"))
    assert history == [
        (Status.NEW, None),
        (Status.INFO_REQUESTED, team_lead.email),
        (Status.WAITING, team_lead.email),
    ]
    assert AuditEvent.objects.filter(action=actions.AuditAction.TRIAGED).count() == 2


def test_declining_needs_a_reason_and_ends_triage(service, team_lead):
    referral = make_referral(service)
    with pytest.raises(actions.ReferralError, match="Say why"):
        actions.triage(referral=referral, decision="decline", priority=1, note=" ", by=team_lead)
    actions.triage(
        referral=referral, decision="decline", priority=1, note="Out of area", by=team_lead
    )
    with pytest.raises(actions.ReferralError, match="already declined"):
        actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    assert StatusChange.objects.filter(referral=referral).count() == 2


def test_allocation_and_reallocation_keep_history(service, team_lead, practitioner):
    colleague = UserFactory(team=practitioner.team, role=Role.PRACTITIONER)
    referral = make_referral(service)
    with pytest.raises(actions.ReferralError, match="waiting list"):
        actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
    actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
    actions.allocate(referral=referral, practitioner=colleague, by=team_lead)
    referral.refresh_from_db()
    assert referral.allocated_to == colleague and referral.team == practitioner.team
    rows = list(
        Allocation.objects.filter(referral=referral).values_list("practitioner", "ended_at")
    )
    assert rows[0][0] == practitioner.pk and rows[0][1] is not None
    assert rows[1] == (colleague.pk, None)
    assert list(Referral.objects.visible_to(colleague)) == [referral]
    assert not Referral.objects.visible_to(practitioner).exists()


def test_cannot_allocate_outside_the_team(service, team_lead, outsider):
    referral = make_referral(service)
    actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    with pytest.raises(actions.ReferralError, match="in your team"):
        actions.allocate(referral=referral, practitioner=outsider, by=team_lead)


def test_visibility_by_role(service, team_lead, practitioner, outsider):
    referral = make_referral(service)
    assert list(Referral.objects.visible_to(team_lead)) == [referral]
    assert not Referral.objects.visible_to(practitioner).exists()
    assert not Referral.objects.visible_to(outsider).exists()
    other_lead = UserFactory(team=outsider.team, role=Role.TEAM_LEAD)
    assert not Referral.objects.visible_to(other_lead).exists()


def test_possible_duplicates(service, team_lead):
    a = make_referral(service, nhs_number="9434765919", last_name="Smith", postcode="SK1 1AA")
    b = make_referral(service, nhs_number="9434765919", last_name="Other", postcode="SK2 2BB")
    c = make_referral(
        service, last_name="Smith", postcode="SK4 3AA", date_of_birth=date(2024, 2, 2)
    )
    d = make_referral(
        service, last_name="Brown", postcode="SK4 3AA", date_of_birth=date(2024, 2, 2)
    )
    e = make_referral(
        service, last_name="Green", postcode="SK1 9ZZ", date_of_birth=date(2024, 2, 2)
    )
    elsewhere = make_referral(ServiceFactory(), nhs_number="9434765919")
    found = possible_duplicates(Referral.objects.with_people())
    assert [r.pk for r in found[a.pk]] == [b.pk]  # same NHS number
    assert [r.pk for r in found[c.pk]] == [d.pk]  # same birth date and postcode
    assert e.pk not in found  # same birth date, nothing else in common
    assert elsewhere.pk not in found  # another service
    actions.link_duplicate(referral=b, other=a, by=team_lead)
    actions.link_duplicate(referral=a, other=b, by=team_lead)  # once, however asked
    found = possible_duplicates(Referral.objects.with_people())
    assert a.pk not in found


def test_who_a_case_can_go_to_is_one_rule_for_the_form_and_the_action(
    service, team, team_lead, practitioner, outsider
):
    admin = UserFactory(team=team, role=Role.SERVICE_ADMIN)
    gone = UserFactory(team=team, is_active=False)
    assert actions.why_not_allocate_to(practitioner, by=team_lead) is None
    for person in (outsider, admin, gone):
        assert actions.why_not_allocate_to(person, by=team_lead) == actions.NOT_IN_TEAM
    assert set(caseload_sizes(team)) == {practitioner, team_lead}


def test_linking_says_why_not(service, team_lead):
    referral = make_referral(service)
    elsewhere = make_referral(ServiceFactory())
    assert actions.can_link(referral, make_referral(service))
    for other in (referral, elsewhere):
        reason = actions.why_not_link(referral, other)
        with pytest.raises(actions.ReferralError, match=reason):
            actions.link_duplicate(referral=referral, other=other, by=team_lead)


def test_the_acknowledgement_goes_once_and_the_referral_says_when(service, mailoutbox):
    referral = make_referral(service)
    assert referral.acknowledged_at is None
    assert actions.send_acknowledgement(referral_id=referral.pk) is True
    assert actions.send_acknowledgement(referral_id=referral.pk) is False
    assert [m.to for m in mailoutbox] == [["sam.jones@family.invalid"]]
    assert referral.reference in mailoutbox[0].subject
    referral.refresh_from_db()
    assert referral.acknowledged_at is not None
    assert AuditEvent.objects.filter(action=actions.AuditAction.ACKNOWLEDGED).count() == 1


def test_the_acknowledgement_guard_reads_the_referral_not_the_audit_trail(service, mailoutbox):
    referral = make_referral(service)
    Referral.objects.filter(pk=referral.pk).update(acknowledged_at=timezone.now())
    assert actions.send_acknowledgement(referral_id=referral.pk) is False
    assert mailoutbox == []


def test_an_acknowledgement_that_fails_to_send_is_left_for_the_retry(
    service, mailoutbox, monkeypatch
):
    referral = make_referral(service)

    def fail(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("vig_service.mail.send_mail", fail)
    with pytest.raises(OSError):
        actions.send_acknowledgement(referral_id=referral.pk)
    referral.refresh_from_db()
    assert referral.acknowledged_at is None
    assert not AuditEvent.objects.filter(action=actions.AuditAction.ACKNOWLEDGED).exists()


def test_the_acknowledgement_task_delivered_twice_sends_one_email_after_a_failed_try(
    service, mailoutbox, monkeypatch
):
    referral = make_referral(service)
    attempts = mail_server_fails_once(monkeypatch)

    # The first delivery fails to send and is retried; the second finds it sent.
    for _ in range(2):
        tasks.send_acknowledgement.apply(args=[referral.pk], throw=False)

    assert attempts == [["sam.jones@family.invalid"]] * 2
    assert [m.to for m in mailoutbox] == [["sam.jones@family.invalid"]]
    referral.refresh_from_db()
    assert referral.acknowledged_at is not None
    assert AuditEvent.objects.filter(action=actions.AuditAction.ACKNOWLEDGED).count() == 1


def test_nothing_to_acknowledge_without_an_address(service, mailoutbox):
    referral = make_referral(service, email="")
    assert actions.send_acknowledgement(referral_id=referral.pk) is False
    assert actions.send_acknowledgement(referral_id=0) is False
    assert mailoutbox == []
