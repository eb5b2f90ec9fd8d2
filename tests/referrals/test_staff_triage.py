"""Triage decisions from the referral's triage page."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from referrals import actions
from referrals.actions import AuditAction
from referrals.models import Priority, Status, StatusChange
from tests.helpers import error_summary_html as error_summary
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(service):
    return make_referral(service)


def triage_url(referral):
    return reverse("referrals:triage", args=[referral.reference])


def detail_url(referral):
    return reverse("referrals:detail", args=[referral.reference])


def decide(client, referral, follow=False, **data):
    data.setdefault("status_seen", "new")
    return client.post(triage_url(referral), data, follow=follow)


def test_triage_page_asks_for_a_decision_and_a_priority(lead_client, referral):
    response = lead_client.get(triage_url(referral))
    assert response.status_code == 200
    html = response.content.decode()
    for label in (
        "Accept to the waiting list",
        "Decline",
        "Signpost to another service",
        "Ask for more information",
        "Routine",
        "Urgent",
        "Reason, where to, or what you need",
    ):
        assert label in html
    assert 'type="radio"' in html and "(optional)" not in html
    assert response.context["form"]["priority"].value() == Priority.ROUTINE
    assert response.context["form"]["status_seen"].value() == Status.NEW


def test_accepting_as_urgent_puts_it_on_the_waiting_list(lead_client, referral, team_lead):
    response = decide(lead_client, referral, decision="accept", priority="2", follow=True)
    assert response.redirect_chain == [(detail_url(referral), 302)]
    assert f"{referral.reference} is on the waiting list as urgent" in response.content.decode()
    referral.refresh_from_db()
    assert (referral.status, referral.priority) == (Status.WAITING, Priority.URGENT)
    change = referral.status_changes.last()
    assert (change.status, change.changed_by) == (Status.WAITING, team_lead)
    assert AuditEvent.objects.filter(
        action=AuditAction.TRIAGED, family_reference=referral.reference
    ).exists()


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        ("decline", "Enter why you are declining this referral"),
        ("signpost", "Enter where you are signposting the family to"),
        ("request_info", "Enter what information you need"),
    ],
)
def test_decisions_that_need_a_note_say_which_note(lead_client, referral, decision, message):
    response = decide(lead_client, referral, decision=decision, priority="1", note="   ")
    assert response.status_code == 200
    assert message in error_summary(response)
    assert 'href="#id_note"' in error_summary(response)
    assert "<title>Error: " in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == Status.NEW
    assert referral.status_changes.count() == 1


def test_missing_decision_and_priority_are_explained(lead_client, referral):
    response = decide(lead_client, referral, priority="7")
    summary = error_summary(response)
    assert "Choose what to do with this referral" in summary
    assert "Choose a priority: routine or urgent" in summary


def test_declining_with_a_reason_keeps_the_reason_in_the_history(lead_client, referral):
    response = decide(
        lead_client,
        referral,
        decision="decline",
        priority="1",
        note="Child is 7: older than the service takes.",
        follow=True,
    )
    assert f"{referral.reference} has been declined" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED
    assert referral.status_changes.last().note == "Child is 7: older than the service takes."
    assert "Child is 7: older than the service takes." in response.content.decode()


def test_signposting_and_asking_for_information(lead_client, service):
    signposted, asked = make_referral(service), make_referral(service)
    decide(lead_client, signposted, decision="signpost", priority="1", note="Home-Start")
    decide(lead_client, asked, decision="request_info", priority="1", note="Child's NHS number")
    signposted.refresh_from_db()
    asked.refresh_from_db()
    assert (signposted.status, asked.status) == (Status.SIGNPOSTED, Status.INFO_REQUESTED)


def test_the_same_decision_sent_twice_is_made_once(lead_client, referral):
    data = {"decision": "accept", "priority": "2", "note": "Fits the criteria."}
    decide(lead_client, referral, **data)
    response = decide(lead_client, referral, follow=True, **data)
    assert f"{referral.reference} is on the waiting list as urgent" in response.content.decode()
    assert StatusChange.objects.filter(referral=referral, status=Status.WAITING).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.TRIAGED).count() == 1


def test_a_decline_sent_twice_is_harmless(lead_client, referral):
    data = {"decision": "decline", "priority": "1", "note": "Out of area"}
    decide(lead_client, referral, **data)
    response = decide(lead_client, referral, follow=True, **data)
    assert response.status_code == 200
    assert StatusChange.objects.filter(referral=referral, status=Status.DECLINED).count() == 1


def test_a_colleagues_decision_in_the_meantime_is_not_overwritten(lead_client, referral, team_lead):
    actions.triage(referral=referral, decision="decline", priority=1, note="No", by=team_lead)
    response = decide(lead_client, referral, decision="accept", priority="1", follow=True)
    assert "Nothing was changed" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED


def test_a_rule_the_action_enforces_shows_as_a_form_error(lead_client, referral, team_lead):
    actions.triage(referral=referral, decision="decline", priority=1, note="No", by=team_lead)
    response = lead_client.post(triage_url(referral), {"decision": "accept", "priority": "1"})
    assert response.status_code == 200
    assert "it can&#x27;t be triaged again" in error_summary(response)


def test_a_waiting_referral_can_be_made_urgent(lead_client, referral, team_lead):
    actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    page = lead_client.get(detail_url(referral)).content.decode()
    assert "Change triage decision" in page
    decide(lead_client, referral, decision="accept", priority="2", status_seen="waiting")
    referral.refresh_from_db()
    assert (referral.status, referral.priority) == (Status.WAITING, Priority.URGENT)


def test_an_allocated_referral_cannot_be_triaged_again(
    lead_client, referral, team_lead, practitioner
):
    actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
    response = lead_client.get(triage_url(referral), follow=True)
    assert response.redirect_chain == [(detail_url(referral), 302)]
    assert "is allocated: it can&#x27;t be triaged again" in response.content.decode()
    assert triage_url(referral) not in response.content.decode()


def test_opening_the_triage_page_is_an_audited_read(lead_client, referral, team_lead):
    viewed = AuditEvent.objects.filter(
        action=AuditAction.VIEWED, family_reference=referral.reference
    )
    lead_client.get(triage_url(referral))
    assert viewed.count() == 1
    assert viewed.get().actor_id == team_lead.pk
    # The decision is audited as a decision, not as another read.
    decide(lead_client, referral, decision="accept", priority="1")
    assert viewed.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.TRIAGED).count() == 1


def test_the_triage_page_gives_the_actions_reason_in_its_words(lead_client, referral, team_lead):
    actions.triage(referral=referral, decision="signpost", priority=1, note="HS", by=team_lead)
    referral.refresh_from_db()
    reason = actions.why_not_triage(referral)
    assert (
        reason == f"{referral.reference} is already signposted elsewhere: it can't be triaged again"
    )
    response = lead_client.get(triage_url(referral), follow=True)
    assert reason.replace("'", "&#x27;") in response.content.decode()
    with pytest.raises(actions.ReferralError) as refused:
        actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    assert str(refused.value) == reason
