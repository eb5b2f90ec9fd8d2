"""Possible duplicates, decided: linked as the same family (the duplicate leaves the
inbox and is shown on the referral kept), or "These are different families" (the
pair is never flagged again). Both audited."""

import re
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import AuditEvent
from referrals import actions
from referrals.actions import AuditAction
from referrals.duplicates import possible_duplicates
from referrals.models import DifferentFamilies, DuplicateLink, Referral
from tests.factories import ServiceFactory
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db

INBOX = reverse("referrals:inbox")


@pytest.fixture
def service(team):
    return team.service


@pytest.fixture
def lead_client(staff_client, team_lead):
    return staff_client(team_lead)


@pytest.fixture
def pair(service):
    """Two new referrals that look like the same family, the first received first."""
    first = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    second = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    return first, second


def detail_url(referral):
    return reverse("referrals:detail", args=[referral.reference])


def compare_url(referral, other):
    return reverse("referrals:compare", args=[referral.reference, other.reference])


def different_url(referral, other):
    return reverse("referrals:different_families", args=[referral.reference, other.reference])


def text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def inbox(client):
    return [r.reference for r in client.get(INBOX).context["referrals"]]


def flagged(client):
    return {r.reference for r in client.get(INBOX).context["referrals"] if r.possible_duplicates}


# --- Linking: the duplicate leaves the inbox ------------------------------------------------


def test_linking_takes_the_duplicate_out_of_the_inbox_and_shows_it_on_the_kept_referral(
    lead_client, pair
):
    first, second = pair
    assert set(inbox(lead_client)) == {first.reference, second.reference}
    # Linked from the later referral's page: the first one received is still kept.
    response = lead_client.post(compare_url(second, first), follow=True)
    assert f"{second.reference} is a duplicate of {first.reference}" in text(response)
    assert inbox(lead_client) == [first.reference]
    link = DuplicateLink.objects.get()
    assert (link.referral, link.duplicate) == (first, second)

    kept = text(lead_client.get(detail_url(first)))
    assert f"Duplicates of this referral {second.reference}" in kept
    duplicate = text(lead_client.get(detail_url(second)))
    assert f"This referral is a duplicate of {first.reference}" in duplicate


def test_the_referral_the_team_has_already_triaged_is_the_one_kept(lead_client, team_lead, pair):
    first, second = pair
    actions.triage(referral=second, decision="accept", priority=1, by=team_lead)
    lead_client.post(compare_url(first, second))
    link = DuplicateLink.objects.get()
    assert (link.referral, link.duplicate) == (second, first)
    assert inbox(lead_client) == []


def test_the_compare_page_says_which_referral_is_kept(lead_client, pair):
    first, second = pair
    page = text(lead_client.get(compare_url(second, first)))
    assert (
        f"If they are the same family, {second.reference} becomes a duplicate of "
        f"{first.reference} and leaves the list of referrals to triage." in page
    )


def test_a_pair_is_linked_once_whichever_way_round(team_lead, pair):
    first, second = pair
    DuplicateLink.objects.create(referral=first, duplicate=second, linked_by=team_lead)
    with pytest.raises(IntegrityError), transaction.atomic():
        DuplicateLink.objects.create(referral=second, duplicate=first, linked_by=team_lead)
    with pytest.raises(IntegrityError), transaction.atomic():
        DuplicateLink.objects.create(referral=first, duplicate=first, linked_by=team_lead)
    assert actions.link_duplicate(referral=second, other=first, by=team_lead).duplicate == second
    assert DuplicateLink.objects.count() == 1


# --- Different families: never flagged again ------------------------------------------------


def test_different_families_clears_the_flag_for_that_pair_for_good(
    lead_client, team_lead, service, pair
):
    first, second = pair
    third = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    assert flagged(lead_client) == {first.reference, second.reference, third.reference}
    page = lead_client.get(compare_url(first, second)).content.decode()
    assert f'action="{different_url(first, second)}"' in page
    assert "These are different families</button>" in page

    response = lead_client.post(different_url(first, second), follow=True)
    assert response.redirect_chain == [(detail_url(first), 302)]
    assert (
        f"{first.reference} and {second.reference} are different families. "
        "They will not be flagged as possible duplicates again" in text(response)
    )
    # That pair is never flagged again; each is still flagged with the third.
    found = possible_duplicates(Referral.objects.with_people())
    assert [r.pk for r in found[first.pk]] == [third.pk]
    assert [r.pk for r in found[second.pk]] == [third.pk]
    assert flagged(lead_client) == {first.reference, second.reference, third.reference}
    assert [r.pk for r in response.context["possible_duplicates"]] == [third.pk]
    # Both stay in the inbox: nothing was linked.
    assert set(inbox(lead_client)) == {first.reference, second.reference, third.reference}

    # Asked again, from either side: one decision, audited once.
    lead_client.post(different_url(second, first))
    decision = DifferentFamilies.objects.get()
    assert (decision.referral, decision.other, decision.decided_by) == (first, second, team_lead)
    events = AuditEvent.objects.filter(action=AuditAction.DIFFERENT_FAMILIES)
    assert events.count() == 1
    assert events.get().family_reference == first.reference
    assert events.get().details == {"different_from": second.reference}


def test_different_families_can_not_then_be_linked(lead_client, team_lead, pair):
    first, second = pair
    actions.mark_different_families(referral=first, other=second, by=team_lead)
    assert actions.why_not_link(first, second) == (
        "The team said these referrals are different families."
    )
    assert lead_client.get(compare_url(first, second)).status_code == 200
    page = text(lead_client.get(compare_url(first, second)))
    assert "The team said these referrals are about different families." in page
    assert "These are the same family" not in page
    lead_client.post(compare_url(first, second))
    assert not DuplicateLink.objects.exists()


def test_why_not_mark_different(service, team_lead, pair):
    first, second = pair
    elsewhere = make_referral(ServiceFactory())
    assert actions.can_mark_different(first, second)
    assert (
        actions.why_not_mark_different(first, first) == "A referral can't be compared with itself."
    )
    assert actions.why_not_mark_different(first, elsewhere) == (
        "Only referrals to the same service can be compared."
    )
    actions.link_duplicate(referral=first, other=second, by=team_lead)
    assert actions.why_not_mark_different(first, second) == (
        "These referrals are linked as the same family."
    )
    with pytest.raises(actions.ReferralError, match="linked as the same family"):
        actions.mark_different_families(referral=first, other=second, by=team_lead)
    assert not DifferentFamilies.objects.exists()


def test_only_a_team_lead_can_say_they_are_different_families(
    staff_client, practitioner, team_lead, pair
):
    first, second = pair
    for referral in (first, second):
        actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
        actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
    client = staff_client(practitioner)
    assert "These are different families" not in text(client.get(compare_url(first, second)))
    assert client.post(different_url(first, second)).status_code == 403
    assert client.get(different_url(first, second)).status_code == 403  # role before method
    assert staff_client(team_lead).get(different_url(first, second)).status_code == 405
    assert not DifferentFamilies.objects.exists()


def test_an_outsider_cannot_reach_the_decision(staff_client, outsider, pair):
    first, second = pair
    assert staff_client(outsider).post(different_url(first, second)).status_code == 404
    assert not DifferentFamilies.objects.exists()


# --- The referral page ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "route, label", [("self", "Self-referral"), ("professional", "Midwife or maternity service")]
)
def test_the_referral_page_shows_the_source_of_referral_once_by_its_csds_label(
    lead_client, service, route, label
):
    referral = make_referral(service, route=route)
    page = text(lead_client.get(detail_url(referral)))
    assert f"Source of referral {label}" in page
    assert page.count(label) == 1
    assert "How they were referred" not in page
    assert "Professional referral" not in page
