"""Professional referral online, a page for each group of questions: the referrer's
details, the family's agreement, where the family lives and the child's age, the
parent or carer, the children, the reason and the need, other professionals and
risks; then an acknowledgement to the referrer."""

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
    """Good answers for every page of a professional referral, in order.

    ``changes={"page": {...}}`` changes some of a page's answers; ``None`` leaves it out.
    """
    steps = [
        (
            "about-you",
            {
                "referrer_name": "Pat Okafor",
                "referrer_organisation": "Riverside NHS Trust",
                "referrer_role": "A4",
                "referrer_role_other": "",
                "referrer_email": "pat.okafor@nhs.invalid",
                "referrer_phone": "0161 496 0000",
            },
        ),
        ("family-agreed", {"family_agreed": "yes"}),
        (
            "eligibility",
            {"postcode": "sk2 6pl", **date_data("date_of_birth", today() - timedelta(days=200))},
        ),
        (
            "family",
            {
                "first_name": "Jo",
                "last_name": "Brown",
                "pronouns": "",
                "relationship": "father",
                "relationship_other": "",
                "phone": "07700 900123",
                "email": "",
                "preferred_contact": "phone",
                "safe_to_leave_message": "no",
                "address": "",
                "language": "Polish",
                "interpreter_needed": "yes",
                "access_needs": "",
            },
        ),
        (
            "children",
            {
                "child_first_name": "Ola",
                "child_last_name": "Brown",
                "child_nhs_number": "9434765919",
                "other_children": "no",
            },
        ),
        (
            "reason",
            {
                "help_wanted": "Dad would like to feel closer to Ola.",
                "relationship_need": "Low mood since the birth; little eye contact.",
            },
        ),
        (
            "risks",
            {
                "other_professionals": "Health visitor: Amy Lee",
                "safeguarding": "no",
                "safeguarding_concerns": "",
            },
        ),
    ]
    result = []
    for name, data in steps:
        if name in changes:
            if changes[name] is None:
                continue
            data = {**data, **changes[name]}
        result.append((name, data))
    return result


def page(name, **changes):
    """One page's good answers, with ``changes``."""
    return dict(professional_steps(**{name: changes}))[name]


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
    shown = client.get(response["Location"])
    words = text(shown)
    assert "You need the family's agreement to refer them" in words
    assert "We can only accept a referral when the parent or carer knows about it" in words
    assert f'href="{url(service, "family-agreed", PRO)}"' in shown.content.decode()
    assert client.get(url(service, "eligibility", PRO))["Location"] == url(
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
    assert set(state["steps"]) == {"about-you"}
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
    about_you = url(service, "about-you", PRO)
    html = client.get(about_you).content.decode()
    assert 'id="follow-up-id_referrer_role_6"' in html
    response = client.post(about_you, page("about-you", referrer_role="M6"))
    assert errors(response) == ["Enter your job title"]
    # Another role: a job title typed before changing one's mind is not kept.
    walk(client, service, [("about-you", page("about-you", referrer_role_other="Nurse"))], PRO)
    assert (
        client.session[f"vig.referral.professional.{service.pk}"]["steps"]["about-you"][
            "referrer_role_other"
        ]
        == ""
    )
    steps = professional_steps(
        **{"about-you": {"referrer_role": "M6", "referrer_role_other": "Family support worker"}}
    )
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
    walk(client, service, professional_steps(**{"about-you": {"referrer_role": role}}), PRO)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service, PRO)
    assert Referral.objects.get().source == source


def test_safeguarding_concerns_are_described_under_yes(
    client, service, django_capture_on_commit_callbacks
):
    walk(client, service, until(professional_steps(), "risks"), PRO)
    response = client.post(url(service, "risks", PRO), page("risks", safeguarding="yes"))
    assert errors(response) == ["Describe the safeguarding concerns"]
    walk(
        client,
        service,
        [("risks", page("risks", safeguarding="yes", safeguarding_concerns="Child in need plan."))],
        PRO,
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service, PRO)
    assert Referral.objects.get().safeguarding_concerns == "Child in need plan."


def test_the_relationship_need_is_required_where_the_service_asks_for_it(client):
    service = ServiceFactory(requires_relationship_need=True)
    walk(client, service, until(professional_steps(), "reason"), PRO)
    html = client.get(url(service, "reason", PRO)).content.decode()
    assert "(optional)" not in html
    response = client.post(url(service, "reason", PRO), page("reason", relationship_need=" "))
    assert errors(response) == ["Describe the need in the relationship between parent and child"]


def test_the_relationship_need_is_optional_elsewhere(client, service):
    walk(client, service, until(professional_steps(), "reason"), PRO)
    assert "(optional)" in client.get(url(service, "reason", PRO)).content.decode()
    response = client.post(url(service, "reason", PRO), page("reason", relationship_need=""))
    assert response["Location"] == url(service, "risks", PRO)


def test_referrer_details_are_required_and_checked(client, service):
    about_you = url(service, "about-you", PRO)
    response = client.post(about_you, {})
    assert errors(response) == [
        "Enter your full name",
        "Enter the name of your organisation",
        "Select your role",
        "Enter your work email address",
        "Enter your work phone number",
    ]
    response = client.post(
        about_you, page("about-you", referrer_email="pat@", referrer_phone="999")
    )
    assert errors(response) == [
        "Enter an email address in the correct format, like name@example.com",
        "Enter a UK phone number, like 07700 900 982 or 0161 496 0000",
    ]
    assert errors(client.post(about_you, page("about-you", referrer_role="B1"))) == [
        "Select your role"
    ]


def test_questions_about_the_family_are_worded_for_a_professional(client, service):
    walk(client, service, until(professional_steps(), "eligibility"), PRO)
    assert (
        "What is the family&#x27;s postcode?"
        in client.get(url(service, "eligibility", PRO)).content.decode()
    )
    response = client.post(url(service, "eligibility", PRO), page("eligibility", postcode=""))
    assert errors(response) == ["Enter the family's postcode"]
    html = client.get(url(service, "eligibility", PRO)).content.decode()
    assert 'autocomplete="off"' in html  # not the referrer's own postcode


def test_the_family_page_checks_each_answer_with_the_same_messages(client, service):
    walk(client, service, until(professional_steps(), "family"), PRO)
    family = url(service, "family", PRO)
    assert errors(client.post(family, {})) == [
        "Enter the parent or carer's first name",
        "Enter the parent or carer's last name",
        "Select the parent or carer's relationship to the child",
        "Enter a phone number or an email address for the family",
        "Select how the family would like us to contact them",
        "Select yes if we can leave a message",
        "Enter the language they prefer to speak",
        "Select yes if they need an interpreter",
    ]
    response = client.post(
        family, page("family", relationship="other", phone="12345", email="not-an-email")
    )
    assert errors(response) == [
        "Enter their relationship to the child",
        "Enter a UK phone number, like 07700 900 982 or 0161 496 0000",
        "Enter an email address in the correct format, like name@example.com",
    ]


@pytest.mark.parametrize(
    "phone, email, method, message",
    [
        (
            "0161 496 0000",
            "",
            "text",
            "Enter a mobile phone number to be contacted by text message",
        ),
        ("07700 900123", "", "email", "Enter an email address to be contacted by email"),
        ("", "jo@family.invalid", "phone", "Enter a phone number to be contacted by phone call"),
    ],
)
def test_every_way_of_contact_is_offered_and_checked_against_the_details_given(
    client, service, phone, email, method, message
):
    walk(client, service, until(professional_steps(), "family"), PRO)
    family = url(service, "family", PRO)
    html = client.get(family).content.decode()
    for value in ("phone", "text", "email"):
        assert f'name="preferred_contact" type="radio" value="{value}"' in html
    response = client.post(
        family, page("family", phone=phone, email=email, preferred_contact=method)
    )
    assert errors(response) == [message]


def test_an_ineligible_family_keeps_the_referrers_details_only(client, service):
    walk(client, service, until(professional_steps(), "eligibility"), PRO)
    response = client.post(
        url(service, "eligibility", PRO),
        page("eligibility", **date_data("date_of_birth", today().replace(year=today().year - 6))),
    )
    assert response["Location"] == url(service, "not-eligible", PRO)
    response_page = client.get(response["Location"])
    words = text(response_page)
    assert f"{service.name} cannot accept this referral" in words
    assert "under 5 years old" in words
    state = client.session[f"vig.referral.professional.{service.pk}"]
    assert set(state["steps"]) == {"about-you", "family-agreed"}
    assert counts() == (0, 0, 0)
    # Answering again starts at the family's questions; the referrer's are kept.
    again = url(service, "eligibility", PRO)
    assert f'<a href="{again}">answer the questions again</a>' in response_page.content.decode()
    response = client.post(again, page("eligibility", postcode="SK1 3XE"))
    assert response["Location"] == url(service, "family", PRO)


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
        eligibility={"postcode": "RV1 2AB", "born": "no", **date_data("due_date", due)},
        children={"child_first_name": "", "child_last_name": ""},
    )
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


# --- Pages of several questions --------------------------------------------------------------


def test_a_change_link_goes_to_the_question_on_its_page_and_back(client, service):
    walk(client, service, professional_steps(), PRO)
    check = client.get(url(service, "check-your-answers", PRO)).content.decode()
    change = url(service, "family", PRO) + "?change=1"
    for field, label in [
        ("id_first_name", "Name"),
        ("id_email", "Email address"),
        ("id_safe_to_leave_message_0", "Can leave a message"),
        ("id_interpreter_needed_0", "Interpreter needed"),
    ]:
        link = (
            f'<a class="nhsuk-link" href="{change}#{field}">'
            f'Change<span class="nhsuk-u-visually-hidden"> {label}</span></a>'
        )
        assert link in check, label
    assert f'href="{url(service, "about-you", PRO)}?change=1#id_referrer_role_0"' in check

    html = client.get(change).content.decode()
    assert f'<a class="nhsuk-back-link" href="{url(service, "check-your-answers", PRO)}">' in html
    assert 'id="id_email"' in html and 'value="Jo"' in html
    response = client.post(change, page("family", email="jo@family.invalid"))
    assert response["Location"] == url(service, "check-your-answers", PRO)
    assert "Email address jo@family.invalid" in text(
        client.get(url(service, "check-your-answers", PRO))
    )


def test_other_children_are_added_from_the_childrens_page(
    client, service, django_capture_on_commit_callbacks
):
    walk(client, service, until(professional_steps(), "children"), PRO)
    response = client.post(url(service, "children", PRO), page("children", other_children="yes"))
    assert response["Location"] == url(service, "another-child", PRO)
    back = url(service, "children", PRO)
    assert f'href="{back}">Back</a>' in client.get(response["Location"]).content.decode()
    sibling = {"first_name": "Mia", "last_name": "Brown", "nhs_number": ""}
    response = client.post(
        url(service, "another-child", PRO),
        {**sibling, **date_data("date_of_birth", today() - timedelta(days=365 * 3))},
    )
    assert response["Location"] == url(service, "other-children", PRO)
    assert "You have added 2 children" in text(client.get(response["Location"]))
    response = client.post(url(service, "other-children", PRO), {"add_another": "no"})
    assert response["Location"] == url(service, "reason", PRO)
    walk(client, service, professional_steps()[-2:], PRO)
    answers = text(client.get(url(service, "check-your-answers", PRO)))
    assert "Mia Brown" in answers
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service, PRO)
    names = list(Referral.objects.get().children.values_list("first_name", flat=True))
    assert names == ["Ola", "Mia"]


def test_without_other_children_the_childrens_page_leads_on(client, service):
    walk(client, service, until(professional_steps(), "children"), PRO)
    response = client.post(url(service, "children", PRO), page("children"))
    assert response["Location"] == url(service, "reason", PRO)
    assert client.get(url(service, "other-children", PRO))["Location"] == url(
        service, "reason", PRO
    )
    answers = text(client.get(url(service, "check-your-answers", PRO), follow=True))
    assert "Check your answers" not in answers  # not all answered yet


def test_a_service_for_born_children_asks_only_the_date_of_birth(client, service):
    walk(client, service, until(professional_steps(), "eligibility"), PRO)
    eligibility = url(service, "eligibility", PRO)
    html = client.get(eligibility).content.decode()
    assert 'name="born"' not in html and 'name="due_date_day"' not in html
    assert "The child&#x27;s date of birth" in html
    response = client.post(eligibility, {"postcode": "SK2 6PL"})
    assert errors(response) == ["Enter the child's date of birth"]


def test_born_asks_for_the_date_of_birth_or_the_due_date_under_each_answer(client):
    service = ServiceFactory(accepts_unborn=True)
    walk(client, service, until(professional_steps(), "eligibility"), PRO)
    eligibility = url(service, "eligibility", PRO)
    html = client.get(eligibility).content.decode()
    under_yes = html[html.index('id="follow-up-id_born_0"') : html.index('id="id_born_1"')]
    assert 'name="date_of_birth_day"' in under_yes and "due_date" not in under_yes
    assert 'name="due_date_day"' in html[html.index('id="follow-up-id_born_1"') :]
    response = client.post(eligibility, {"postcode": "SK2 6PL"})
    assert errors(response) == ["Select yes if the child has been born"]
    response = client.post(eligibility, {"postcode": "SK2 6PL", "born": "yes"})
    assert errors(response) == ["Enter the child's date of birth"]
    response = client.post(eligibility, {"postcode": "SK2 6PL", "born": "no"})
    assert errors(response) == ["Enter the baby's due date"]
    # The answer to the question not chosen is neither checked nor kept.
    due = today() + timedelta(days=30)
    response = client.post(
        eligibility,
        {
            "postcode": "SK2 6PL",
            "born": "no",
            **date_data("due_date", due),
            "date_of_birth_day": "99",
        },
    )
    assert response["Location"] == url(service, "family", PRO)
    saved = client.session[f"vig.referral.professional.{service.pk}"]["steps"]["eligibility"]
    assert saved["date_of_birth_day"] == "" and saved["due_date_day"] == str(due.day)
