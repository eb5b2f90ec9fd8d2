"""Allocating a family to a practitioner, and reallocating."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from referrals import actions
from referrals.models import Allocation, Status
from tests.factories import UserFactory
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db

CASELOAD = reverse("programmes:caseload")


def allocate_url(referral):
    return reverse("referrals:allocate", args=[referral.reference])


def detail_url(referral):
    return reverse("referrals:detail", args=[referral.reference])


def test_allocation_page_lists_the_team_with_their_caseload_sizes(
    staff_client, team_lead, practitioner, outsider, service, waiting
):
    busy = UserFactory(team=practitioner.team, full_name="Bea Busy")
    for n in range(2):
        other = make_referral(service, last_name=f"Busy{n}")
        actions.triage(referral=other, decision="accept", priority=1, by=team_lead)
        actions.allocate(referral=other, practitioner=busy, by=team_lead)

    response = staff_client(team_lead).get(allocate_url(waiting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alice Guider (0 open cases)" in html
    assert "Bea Busy (2 open cases)" in html
    assert "Tina Lead (0 open cases)" in html
    assert outsider.full_name not in html
    assert '<h1 class="nhsuk-fieldset__heading">Who should work with this family?' in html


def test_allocating_puts_the_family_on_the_practitioners_caseload(
    staff_client, team_lead, practitioner, waiting
):
    client = staff_client(team_lead)
    response = client.post(allocate_url(waiting), {"practitioner": practitioner.pk}, follow=True)
    assert response.redirect_chain == [(detail_url(waiting), 302)]
    assert f"{waiting.reference} is allocated to Alice Guider" in response.content.decode()
    waiting.refresh_from_db()
    assert (waiting.status, waiting.allocated_to) == (Status.ALLOCATED, practitioner)

    caseload = staff_client(practitioner).get(CASELOAD)
    assert [p.reference for p in caseload.context["mine"].programmes] == [waiting.reference]
    html = caseload.content.decode()
    assert "Robin Waiting" in html and waiting.reference in html


def test_reallocating_keeps_the_history(staff_client, team_lead, practitioner, team, waiting):
    colleague = UserFactory(team=team, full_name="Cara Colleague")
    client = staff_client(team_lead)
    client.post(allocate_url(waiting), {"practitioner": practitioner.pk})
    response = client.get(allocate_url(waiting))
    assert response.context["form"]["practitioner"].value() == practitioner.pk
    assert "Alice Guider (1 open case)" in response.content.decode()

    client.post(allocate_url(waiting), {"practitioner": colleague.pk})
    allocations = list(Allocation.objects.filter(referral=waiting).order_by("allocated_at", "pk"))
    assert [a.practitioner for a in allocations] == [practitioner, colleague]
    assert allocations[0].ended_at is not None and allocations[1].ended_at is None
    assert staff_client(practitioner).get(CASELOAD).context["mine"].programmes == []


def test_allocating_twice_to_the_same_person_is_harmless(
    staff_client, team_lead, practitioner, waiting
):
    client = staff_client(team_lead)
    client.post(allocate_url(waiting), {"practitioner": practitioner.pk})
    response = client.post(allocate_url(waiting), {"practitioner": practitioner.pk})
    assert response.status_code == 302
    assert Allocation.objects.filter(referral=waiting).count() == 1


def test_choosing_nobody_or_someone_outside_the_team_is_explained(
    staff_client, team_lead, outsider, waiting
):
    client = staff_client(team_lead)
    response = client.post(allocate_url(waiting), {})
    assert "Choose a practitioner to work with this family" in response.content.decode()
    assert "<title>Error: " in response.content.decode()
    response = client.post(allocate_url(waiting), {"practitioner": outsider.pk})
    assert "Choose a practitioner in your team" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING


def test_a_referral_not_yet_accepted_cannot_be_allocated(staff_client, team_lead, service):
    referral = make_referral(service)
    response = staff_client(team_lead).get(allocate_url(referral), follow=True)
    assert response.redirect_chain == [(detail_url(referral), 302)]
    assert "accept it to the waiting list before you allocate it" in response.content.decode()
    assert allocate_url(referral) not in response.content.decode()


def test_waiting_list_links_to_allocation(staff_client, team_lead, waiting):
    html = staff_client(team_lead).get(reverse("referrals:waiting_list")).content.decode()
    assert f'href="{allocate_url(waiting)}"' in html


def test_opening_the_allocation_page_is_an_audited_read(
    staff_client, team_lead, practitioner, waiting
):
    viewed = AuditEvent.objects.filter(
        action=actions.AuditAction.VIEWED, family_reference=waiting.reference
    )
    client = staff_client(team_lead)
    client.get(allocate_url(waiting))
    assert viewed.count() == 1
    assert viewed.get().actor_id == team_lead.pk
    client.post(allocate_url(waiting), {"practitioner": practitioner.pk})
    assert viewed.count() == 1


def test_the_allocation_page_gives_the_actions_reason(
    staff_client, team_lead, practitioner, service
):
    referral = make_referral(service)
    reason = actions.why_not_allocate(referral)
    assert (
        reason
        == f"{referral.reference} is new: accept it to the waiting list before you allocate it"
    )
    response = staff_client(team_lead).get(allocate_url(referral), follow=True)
    assert reason in response.content.decode()
    with pytest.raises(actions.ReferralError) as refused:
        actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
    assert str(refused.value) == reason
