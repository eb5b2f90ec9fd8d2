"""The team lead's referrals inbox."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from referrals import actions
from referrals.models import Route
from tests.factories import UserFactory
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
INBOX = reverse("referrals:inbox")


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=LONDON), tick=False)


def references(response):
    return [r.reference for r in response.context["referrals"]]


def test_inbox_lists_new_and_info_requested_referrals_urgent_then_oldest(
    lead_client, service, team_lead
):
    with at(2026, 3, 1, 9):
        oldest = make_referral(service, last_name="Abbot")
    with at(2026, 3, 2, 9):
        info = make_referral(service, last_name="Baker")
        accepted = make_referral(service, last_name="Carter")
        declined = make_referral(service, last_name="Dunn")
    with at(2026, 3, 3, 9):
        urgent = make_referral(service, last_name="Evans")
        actions.triage(referral=info, decision="request_info", priority=1, note="GP?", by=team_lead)
        actions.triage(referral=accepted, decision="accept", priority=1, by=team_lead)
        actions.triage(referral=declined, decision="decline", priority=1, note="x", by=team_lead)
        actions.triage(referral=urgent, decision="request_info", priority=2, note="?", by=team_lead)
        response = lead_client.get(INBOX)
    assert response.status_code == 200
    assert references(response) == [urgent.reference, oldest.reference, info.reference]
    body = response.content.decode()
    assert "More information asked for" in body
    assert accepted.reference not in body and declined.reference not in body


def test_inbox_shows_source_priority_and_days_since_received(lead_client, service, team_lead):
    with at(2026, 3, 2, 16):
        self_referral = make_referral(service, last_name="Self")
        midwife = make_referral(service, route=Route.PROFESSIONAL, last_name="Midwifery")
        actions.triage(
            referral=midwife, decision="request_info", priority=2, note="NHS no.", by=team_lead
        )
    with at(2026, 3, 5, 10):
        today = make_referral(service, last_name="Today")
        response = lead_client.get(INBOX)
    body = response.content.decode()
    assert "Self-referral" in body
    assert "Midwife or maternity service" in body
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Urgent</strong>' in body
    assert '<strong class="nhsuk-tag nhsuk-tag--grey">Routine</strong>' in body
    rows = {r.reference: r.days_since_received for r in response.context["referrals"]}
    assert rows == {self_referral.reference: 3, midwife.reference: 3, today.reference: 0}
    assert "3 days ago" in body and "today" in body
    assert "Robin Self" in body and "Sam Self (mother)" in body


def test_possible_duplicates_are_flagged_until_linked(lead_client, service, team_lead):
    first = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    second = make_referral(service, last_name="Other", nhs_number="9434765919")
    third = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    fourth = make_referral(service, last_name="Different", nhs_number="9434765919")
    alone = make_referral(service, last_name="Alone", date_of_birth=date(2024, 1, 1))

    response = lead_client.get(INBOX)
    flagged = {r.reference for r in response.context["referrals"] if r.possible_duplicates}
    assert flagged == {first.reference, second.reference, third.reference, fourth.reference}
    assert alone.reference not in flagged
    assert response.content.decode().count("Possible duplicate") == 4

    actions.link_duplicate(referral=first, other=third, by=team_lead)
    response = lead_client.get(INBOX)
    flagged = {r.reference for r in response.context["referrals"] if r.possible_duplicates}
    assert flagged == {second.reference, fourth.reference}


def test_a_duplicate_held_by_another_team_is_not_shown(lead_client, service, team_lead):
    other_team_lead = UserFactory(team__service=service, role=Role.TEAM_LEAD)
    elsewhere = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    actions.triage(referral=elsewhere, decision="accept", priority=1, by=other_team_lead)
    actions.allocate(referral=elsewhere, practitioner=other_team_lead, by=other_team_lead)
    mine = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))

    response = lead_client.get(INBOX)
    assert references(response) == [mine.reference]
    assert response.context["referrals"][0].possible_duplicates == []
    assert elsewhere.reference not in response.content.decode()


def test_inbox_pages_50_at_a_time(lead_client, service):
    for n in range(51):
        make_referral(service, last_name=f"Family{n}", date_of_birth=date(2025, 1, 1))
    first_page = lead_client.get(INBOX)
    assert len(first_page.context["referrals"]) == 50
    body = first_page.content.decode()
    assert 'aria-label="Pagination"' in body
    assert 'href="?page=2"' in body and "Page 2 of 2" in body
    second_page = lead_client.get(INBOX, {"page": 2})
    assert len(second_page.context["referrals"]) == 1
    assert 'href="?page=1"' in second_page.content.decode()
    # A page number that makes no sense shows the last page, not an error.
    assert lead_client.get(INBOX, {"page": "99"}).status_code == 200


def test_an_empty_inbox_says_so(lead_client):
    response = lead_client.get(INBOX)
    assert "There are no referrals to triage." in response.content.decode()


def test_navigation_offers_referrals_and_waiting_list_to_team_leads_only(
    staff_client, team_lead, practitioner
):
    lead_home = staff_client(team_lead).get(reverse("programmes:caseload")).content.decode()
    assert f'href="{INBOX}"' in lead_home
    assert f'href="{reverse("referrals:waiting_list")}"' in lead_home
    practitioner_home = (
        staff_client(practitioner).get(reverse("programmes:caseload")).content.decode()
    )
    assert f'href="{reverse("programmes:caseload")}"' in practitioner_home
    assert f'href="{INBOX}"' not in practitioner_home
