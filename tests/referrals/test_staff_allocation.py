"""Allocating a family to a practitioner, reallocating, and "My caseload"."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from referrals import actions
from referrals.models import Allocation, Status
from tests.factories import UserFactory
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db

CASELOAD = reverse("referrals:caseload")


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
    assert [r.reference for r in caseload.context["mine"]] == [waiting.reference]
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
    assert staff_client(practitioner).get(CASELOAD).context["mine"] == []


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


def test_caseload_shows_the_date_allocated_newest_first(
    staff_client, team_lead, practitioner, service
):
    referrals = []
    for day in (3, 10):
        referral = make_referral(service, last_name=f"Day{day}")
        actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
        with time_machine.travel(datetime(2026, 4, day, 10, tzinfo=UTC), tick=False):
            actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
        referrals.append(referral)
    response = staff_client(practitioner).get(CASELOAD)
    assert [r.reference for r in response.context["mine"]] == [
        referrals[1].reference,
        referrals[0].reference,
    ]
    html = response.content.decode()
    assert "10 Apr 2026" in html and "3 Apr 2026" in html
    assert response.context["supervisees"] is None
    assert "supervisees" not in html


def test_supervisor_sees_their_supervisees_families_in_their_own_section(
    staff_client, team, team_lead, service
):
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR, full_name="Sue Pervisor")
    trainee = UserFactory(team=team, supervisor=supervisor, full_name="Terry Trainee")
    stranger = UserFactory(team=team, full_name="Not Supervised")
    families = {}
    for holder in (supervisor, trainee, stranger):
        referral = make_referral(service, last_name=holder.full_name.split()[-1])
        actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
        actions.allocate(referral=referral, practitioner=holder, by=team_lead)
        families[holder.pk] = referral

    response = staff_client(supervisor).get(CASELOAD)
    assert [r.reference for r in response.context["mine"]] == [families[supervisor.pk].reference]
    assert [r.reference for r in response.context["supervisees"]] == [
        families[trainee.pk].reference
    ]
    html = response.content.decode()
    assert "Your supervisees' families" in html and "Terry Trainee" in html
    assert families[stranger.pk].reference not in html


def test_caseload_with_no_families_says_so(staff_client, practitioner):
    response = staff_client(practitioner).get(CASELOAD)
    assert "No families are allocated to you yet." in response.content.decode()
