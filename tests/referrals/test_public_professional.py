"""Professional referral online: the referrer's details, the family's agreement, the
family and child, the need, other professionals and safeguarding; then an
acknowledgement to the referrer."""

from datetime import timedelta

import pytest

from referrals.models import Referral, Route
from tests.factories import ServiceFactory
from tests.helpers import errors
from tests.helpers import main_text as text
from tests.referrals.test_public_journey import (
    counts,
    date_data,
    send,
    today,
    until,
    url,
    walk,
)

pytestmark = pytest.mark.django_db

PRO = Route.PROFESSIONAL


def professional_steps(**changes):
    steps = [
        (
            "about-you",
            {"referrer_name": "Pat Okafor", "referrer_organisation": "Riverside NHS Trust"},
        ),
        ("role", {"referrer_role": "A4"}),
        (
            "work-contact",
            {"referrer_email": "pat.okafor@nhs.invalid", "referrer_phone": "0161 496 0000"},
        ),
        ("family-agreed", {"family_agreed": "yes"}),
        ("postcode", {"postcode": "sk2 6pl"}),
        ("born", {"born": "yes"}),
        ("date-of-birth", date_data("date_of_birth", today() - timedelta(days=200))),
        ("name", {"first_name": "Jo", "last_name": "Brown", "pronouns": ""}),
        ("relationship", {"relationship": "father"}),
        ("contact", {"phone": "07700 900123", "email": ""}),
        ("contact-preferences", {"preferred_contact": "phone", "safe_to_leave_message": "no"}),
        ("language", {"language": "Polish", "interpreter_needed": "yes"}),
        ("access-needs", {"access_needs": ""}),
        ("address", {"address": ""}),
        (
            "child",
            {
                "child_first_name": "Ola",
                "child_last_name": "Brown",
                "child_nhs_number": "9434765919",
            },
        ),
        ("other-children", {"add_another": "no"}),
        ("help", {"help_wanted": "Dad would like to feel closer to Ola."}),
        (
            "relationship-need",
            {"relationship_need": "Low mood since the birth; little eye contact."},
        ),
        ("other-professionals", {"other_professionals": "Health visitor: Amy Lee"}),
        ("safeguarding", {"safeguarding": "no"}),
    ]
    result = []
    for name, data in steps:
        if name in changes:
            if changes[name] is None:
                continue
            data = changes[name]
        result.append((name, data))
    return result


def test_a_midwife_refers_a_family_and_gets_an_acknowledgement(
    client, service, mailoutbox, django_capture_on_commit_callbacks
):
    start = client.get(url(service, route=PRO))
    assert f"Refer a family to {service.name}" in text(start)
    steps = professional_steps()
    for (name, data), (next_name, _) in zip(
        steps, [*steps[1:], ("check-your-answers", {})], strict=True
    ):
        assert client.get(url(service, name, PRO)).status_code == 200, name
        response = client.post(url(service, name, PRO), data)
        assert response.status_code == 302, (name, errors(response))
        assert response["Location"] == url(service, next_name, PRO)

    answers = text(client.get(url(service, "check-your-answers", PRO)))
    for expected in [
        "Name Pat Okafor",
        "Role Midwife",
        "Work email address pat.okafor@nhs.invalid",
        "Family agreed to the referral Yes",
        "Postcode SK2 6PL",
        "Relationship to the child Father",
        "Interpreter needed Yes",
        "Identified need in the relationship Low mood since the birth",
        "Other professionals involved Health visitor: Amy Lee",
        "Safeguarding concerns None",
    ]:
        assert expected in answers, expected
    assert "Equality questions" not in answers

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, service, PRO)
    assert response["Location"] == url(service, "confirmation", PRO)
    referral = Referral.objects.get()
    assert (referral.route, referral.source) == (Route.PROFESSIONAL, "A4")
    assert referral.referrer_role == "Midwife"
    assert referral.referrer_phone == "01614960000"
    assert referral.family_agreed is True
    assert referral.relationship_need.startswith("Low mood")
    assert referral.safeguarding_concerns == ""
    caregiver = referral.caregivers.get()
    assert (caregiver.first_name, caregiver.relationship, caregiver.language) == (
        "Jo",
        "father",
        "Polish",
    )
    assert caregiver.interpreter_needed is True
    assert referral.children.get().nhs_number == "9434765919"

    confirmation = text(client.get(url(service, "confirmation", PRO)))
    assert referral.reference in confirmation
    assert "We have sent a confirmation email to your work email address" in confirmation
    assert [m.to for m in mailoutbox] == [["pat.okafor@nhs.invalid"]]
    assert referral.reference in mailoutbox[0].body


def test_when_the_family_has_not_agreed_nothing_is_kept_and_the_page_says_why(client, service):
    walk(client, service, until(professional_steps(), "family-agreed"), PRO)
    response = client.post(url(service, "family-agreed", PRO), {"family_agreed": "no"})
    assert response["Location"] == url(service, "family-has-not-agreed", PRO)
    page = client.get(response["Location"])
    words = text(page)
    assert "You need the family's agreement to refer them" in words
    assert "We can only accept a referral when the parent or carer knows about it" in words
    assert f'href="{url(service, "family-agreed", PRO)}"' in page.content.decode()
    assert client.get(url(service, "postcode", PRO))["Location"] == url(
        service, "family-agreed", PRO
    )
    assert counts() == (0, 0, 0)


def test_saying_the_family_has_not_agreed_after_all_forgets_the_family(client, service):
    walk(client, service, professional_steps(), PRO)
    response = client.post(
        url(service, "family-agreed", PRO) + "?change=1", {"family_agreed": "no"}
    )
    assert response["Location"] == url(service, "family-has-not-agreed", PRO)
    state = client.session[f"vig.referral.professional.{service.pk}"]
    assert set(state["steps"]) == {"about-you", "role", "work-contact"}
    assert state["children"] == []
    assert send(client, service, PRO)["Location"] == url(service, "family-agreed", PRO)
    assert counts() == (0, 0, 0)


def test_the_family_has_agreed_question_must_be_answered(client, service):
    walk(client, service, until(professional_steps(), "family-agreed"), PRO)
    response = client.post(url(service, "family-agreed", PRO), {})
    assert errors(response) == ["Select yes if the family has agreed to this referral"]


def test_the_family_not_agreed_page_is_only_for_professionals(client, service):
    assert client.get(url(service, "family-has-not-agreed")).status_code == 404


def test_another_role_asks_for_a_job_title(client, service, django_capture_on_commit_callbacks):
    steps = professional_steps(role={"referrer_role": "M6"})
    steps.insert(2, ("job-title", {"referrer_role_other": "Family support worker"}))
    walk(client, service, steps, PRO)
    assert "Role Family support worker" in text(client.get(url(service, "check-your-answers", PRO)))
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service, PRO)
    referral = Referral.objects.get()
    assert (referral.source, referral.referrer_role) == ("M6", "Family support worker")


@pytest.mark.parametrize(
    "role, source",
    [("A2", "A2"), ("A1", "A1"), ("C1", "C1"), ("C2", "C2"), ("G4", "G4")],
)
def test_each_role_maps_to_its_csds_source_of_referral(
    client, service, role, source, django_capture_on_commit_callbacks
):
    walk(client, service, professional_steps(role={"referrer_role": role}), PRO)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service, PRO)
    assert Referral.objects.get().source == source


def test_safeguarding_concerns_are_described_on_their_own_page(
    client, service, django_capture_on_commit_callbacks
):
    steps = professional_steps(safeguarding={"safeguarding": "yes"})
    walk(client, service, steps, PRO)
    assert client.get(url(service, "check-your-answers", PRO))["Location"] == url(
        service, "safeguarding-details", PRO
    )
    response = client.post(url(service, "safeguarding-details", PRO), {"safeguarding_concerns": ""})
    assert errors(response) == ["Describe the safeguarding concerns"]
    walk(
        client,
        service,
        [("safeguarding-details", {"safeguarding_concerns": "Child in need plan."})],
        PRO,
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service, PRO)
    assert Referral.objects.get().safeguarding_concerns == "Child in need plan."


def test_the_relationship_need_is_required_where_the_service_asks_for_it(client):
    service = ServiceFactory(requires_relationship_need=True)
    walk(client, service, until(professional_steps(), "relationship-need"), PRO)
    page = client.get(url(service, "relationship-need", PRO)).content.decode()
    assert "(optional)" not in page
    response = client.post(url(service, "relationship-need", PRO), {"relationship_need": " "})
    assert errors(response) == ["Describe the need in the relationship between parent and child"]


def test_the_relationship_need_is_optional_elsewhere(client, service):
    walk(client, service, until(professional_steps(), "relationship-need"), PRO)
    assert "(optional)" in client.get(url(service, "relationship-need", PRO)).content.decode()
    response = client.post(url(service, "relationship-need", PRO), {"relationship_need": ""})
    assert response["Location"] == url(service, "other-professionals", PRO)


def test_referrer_details_are_required_and_checked(client, service):
    response = client.post(url(service, "about-you", PRO), {})
    assert errors(response) == ["Enter your full name", "Enter the name of your organisation"]
    walk(client, service, until(professional_steps(), "work-contact"), PRO)
    response = client.post(url(service, "work-contact", PRO), {})
    assert errors(response) == ["Enter your work email address", "Enter your work phone number"]
    response = client.post(
        url(service, "work-contact", PRO), {"referrer_email": "pat@", "referrer_phone": "999"}
    )
    assert errors(response) == [
        "Enter an email address in the correct format, like name@example.com",
        "Enter a UK phone number, like 07700 900 982 or 0161 496 0000",
    ]
    assert errors(client.post(url(service, "role", PRO), {"referrer_role": "B1"})) == [
        "Select your role"
    ]


def test_questions_about_the_family_are_worded_for_a_professional(client, service):
    walk(client, service, until(professional_steps(), "postcode"), PRO)
    assert (
        "What is the family&#x27;s postcode?"
        in client.get(url(service, "postcode", PRO)).content.decode()
    )
    response = client.post(url(service, "postcode", PRO), {"postcode": ""})
    assert errors(response) == ["Enter the family's postcode"]
    page = client.get(url(service, "postcode", PRO)).content.decode()
    assert 'autocomplete="off"' in page  # not the referrer's own postcode


def test_an_ineligible_family_keeps_the_referrers_details_only(client, service):
    walk(client, service, until(professional_steps(), "date-of-birth"), PRO)
    response = client.post(
        url(service, "date-of-birth", PRO),
        date_data("date_of_birth", today().replace(year=today().year - 6)),
    )
    assert response["Location"] == url(service, "not-eligible", PRO)
    page = client.get(response["Location"])
    words = text(page)
    assert f"{service.name} cannot accept this referral" in words
    assert "under 5 years old" in words
    state = client.session[f"vig.referral.professional.{service.pk}"]
    assert set(state["steps"]) == {"about-you", "role", "work-contact", "family-agreed"}
    assert counts() == (0, 0, 0)
    # Answering again starts at the family's questions; the referrer's are kept.
    again = url(service, "postcode", PRO)
    assert f'<a href="{again}">answer the questions again</a>' in page.content.decode()
    assert client.post(again, {"postcode": "SK1 3XE"})["Location"] == url(service, "born", PRO)


def test_a_service_for_babies_takes_a_referral_before_birth(
    client, django_capture_on_commit_callbacks
):
    service = ServiceFactory(
        eligible_areas="RV1",
        max_child_age_months=24,
        accepts_unborn=True,
        requires_relationship_need=True,
        self_referral_open=False,
    )
    due = today() + timedelta(days=100)
    steps = professional_steps(
        postcode={"postcode": "RV1 2AB"},
        born={"born": "no"},
        child={"child_first_name": "", "child_last_name": ""},
        **{"date-of-birth": None},
    )
    steps.insert(6, ("due-date", date_data("due_date", due)))
    walk(client, service, steps, PRO)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service, PRO)
    assert Referral.objects.get().children.get().due_date == due
    # Self-referral is closed for this service: a page says how to be referred.
    closed = client.get(url(service, "postcode"))
    assert closed.status_code == 404
    assert f"{service.name} is not taking self-referrals online" in text(closed)
    assert "Ask your health visitor, midwife or GP to refer you" in text(closed)


def test_a_service_closed_to_professionals_says_so(client):
    service = ServiceFactory(professional_referral_open=False)
    response = client.get(url(service, route=PRO))
    assert response.status_code == 404
    assert "is not taking referrals from professionals online" in text(response)
