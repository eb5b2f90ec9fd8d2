"""The referral page, the side-by-side duplicate view and linking, all audited."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from referrals import actions
from referrals.actions import AuditAction, CaregiverDetails, ChildDetails, ReferralDetails
from referrals.codes import ReferralSource
from referrals.models import DuplicateLink, Route
from tests.helpers import make_referral, text

pytestmark = pytest.mark.django_db


def detail_url(referral):
    return reverse("referrals:detail", args=[referral.reference])


def compare_url(referral, other):
    return reverse("referrals:compare", args=[referral.reference, other.reference])


def full_professional_referral(service):
    referral, _ = actions.submit_referral(
        service=service,
        route=Route.PROFESSIONAL,
        source=ReferralSource.HEALTH_VISITOR,
        caregiver=CaregiverDetails(
            first_name="Amira",
            last_name="Khan",
            relationship="other",
            relationship_other="Aunt and guardian",
            pronouns="she/her",
            phone="07700900123",
            email="amira@family.invalid",
            preferred_contact="text",
            safe_to_leave_message=False,
            address="1 Hill Street\nStockport",
            postcode="SK1 3XE",
            language="Urdu",
            interpreter_needed=True,
            access_needs="Step-free access, please",
            ethnicity="J",
            gender="woman",
            sexual_orientation="not_stated",
        ),
        details=ReferralDetails(
            help_wanted="Help with bedtimes.",
            relationship_need="Mum finds it hard to read the baby's cues.",
            other_professionals="Perinatal mental health team",
            safeguarding_concerns="Dad has a non-molestation order; do not contact him.",
            referrer_name="Hana Visitor",
            referrer_role="Health visitor",
            referrer_organisation="Stockport Health Visiting",
            referrer_email="hana@nhs.invalid",
            referrer_phone="01614960001",
            family_agreed=True,
            children=[
                ChildDetails(
                    first_name="Zara",
                    last_name="Khan",
                    date_of_birth=date(2025, 2, 14),
                    nhs_number="9434765919",
                ),
                ChildDetails(due_date=date(2026, 9, 1)),
            ],
        ),
        submission_key=uuid.uuid4(),
    )
    return referral


def test_referral_page_shows_everything_the_family_and_referrer_said(lead_client, service):
    referral = full_professional_referral(service)
    response = lead_client.get(detail_url(referral))
    assert response.status_code == 200
    page = text(response)
    for expected in [
        "Zara Khan and Unborn baby",
        "Amira Khan",
        "Aunt and guardian",
        "she/her",
        "07700900123",
        "amira@family.invalid",
        "Text message",
        "Safe to leave a message No",
        "1 Hill Street Stockport",
        "SK1 3XE",
        "Urdu",
        "Interpreter needed Yes",
        "Step-free access, please",
        "Date of birth 14 February 2025",
        "NHS number 943 476 5919",
        "Due date 1 September 2026",
        "Help with bedtimes.",
        "Mum finds it hard to read the baby",
        "Perinatal mental health team",
        "Hana Visitor",
        "Stockport Health Visiting",
        "hana@nhs.invalid",
        "01614960001",
        "The family agreed to the referral Yes",
        "Health visitor",
        "Asian or Asian British – Pakistani",
        "Gender Woman",
        "Sexual orientation Prefer not to say",
    ]:
        assert expected in page, expected
    html = response.content.decode()
    callout = html[html.index("nhsuk-card--warning") :]
    assert "Safeguarding concerns" in callout[:400]
    assert "non-molestation order" in callout[:600]


def test_no_safeguarding_callout_or_referrer_for_a_plain_self_referral(lead_client, service):
    referral = make_referral(service)
    response = lead_client.get(detail_url(referral))
    html = response.content.decode()
    assert "nhsuk-card--warning" not in html
    assert "Referrer" not in text(response)
    assert "Ethnicity Not answered" in text(response)


def test_every_view_of_the_referral_page_is_audited(lead_client, service, team_lead):
    referral = make_referral(service)
    lead_client.get(detail_url(referral))
    lead_client.get(detail_url(referral))
    events = AuditEvent.objects.filter(action=AuditAction.VIEWED)
    assert events.count() == 2
    event = events.first()
    assert event.family_reference == referral.reference
    assert event.actor_id == team_lead.pk
    assert event.target_id == str(referral.pk)


def test_status_and_allocation_history_say_who_when_and_why(
    lead_client, service, team_lead, practitioner, team
):
    from tests.factories import UserFactory

    referral = make_referral(service)
    actions.triage(
        referral=referral, decision="request_info", priority=1, note="Which GP?", by=team_lead
    )
    actions.triage(referral=referral, decision="accept", priority=2, by=team_lead)
    actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
    colleague = UserFactory(team=team, full_name="Cara Colleague")
    actions.allocate(referral=referral, practitioner=colleague, by=team_lead)

    response = lead_client.get(detail_url(referral))
    changes = list(response.context["referral"].status_changes.all())
    assert [c.status for c in changes] == ["new", "info_requested", "waiting", "allocated"]
    page = text(response)
    # Each cell starts with its column's name, for narrow screens.
    assert "More information asked for Priority Routine Who Tina Lead Note Which GP?" in page
    assert "On the waiting list Priority Urgent Who Tina Lead" in page
    assert "Allocated Priority Urgent Who Tina Lead Note Allocated to Alice Guider" in page
    history = page[page.index("Allocation history") :]
    assert history.index("Alice Guider") < history.index("Cara Colleague")
    assert "Now" in history
    assert "Reallocate" in page


def test_possible_duplicates_link_to_a_side_by_side_comparison(lead_client, service):
    first = make_referral(service, last_name="Doe", postcode="SK1 1AA", nhs_number="9434765919")
    second = make_referral(service, last_name="Doe", postcode="SK2 2BB", nhs_number="9434765919")
    response = lead_client.get(detail_url(first))
    assert [r.reference for r in response.context["possible_duplicates"]] == [second.reference]
    assert f'href="{compare_url(first, second)}"' in response.content.decode()

    response = lead_client.get(compare_url(first, second))
    assert response.status_code == 200
    page = text(response)
    first_ref, second_ref = first.reference, second.reference
    assert f"NHS number Same {first_ref} 943 476 5919 {second_ref} 943 476 5919" in page
    assert f"Postcode {first_ref} SK1 1AA {second_ref} SK2 2BB" in page
    assert "These are the same family" in page
    viewed = AuditEvent.objects.filter(action=AuditAction.VIEWED).values_list(
        "family_reference", flat=True
    )
    assert sorted(viewed) == sorted([first.reference, first.reference, second.reference])


def test_comparing_referrals_that_are_not_possible_duplicates_is_not_found(lead_client, service):
    first = make_referral(service, last_name="Doe", date_of_birth=date(2025, 1, 1))
    second = make_referral(service, last_name="Roe", date_of_birth=date(2024, 1, 1))
    assert lead_client.get(compare_url(first, second)).status_code == 404
    assert lead_client.post(compare_url(first, second)).status_code == 404


def test_linking_duplicates_twice_links_them_once(lead_client, service):
    first = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    second = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))

    response = lead_client.post(compare_url(first, second), follow=True)
    assert response.redirect_chain == [(detail_url(first), 302)]
    page = text(response)
    assert f"{first.reference} and {second.reference} are linked as one family" in page
    assert "Linked referrals" in page and response.context["possible_duplicates"] == []
    assert [r.reference for r in response.context["linked"]] == [second.reference]

    lead_client.post(compare_url(first, second))
    assert DuplicateLink.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.DUPLICATE_LINKED).count() == 1

    # The comparison stays readable once linked, without the button.
    response = lead_client.get(compare_url(second, first))
    assert response.status_code == 200
    assert "The team has linked these referrals as the same family." in text(response)
    assert "These are the same family" not in text(response)
