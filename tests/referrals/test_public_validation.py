"""Every answer a person can get wrong on the public forms gets a message they can act on,
in the NHS error-summary pattern, and nothing is saved until the answer is right."""

from datetime import timedelta

import pytest
from django.forms import CharField

from referrals.models import Route
from referrals.public_forms import OtherChildForm, add_months
from tests.factories import ServiceFactory
from tests.helpers import errors
from tests.referrals.test_public_journey import (
    child_born,
    date_data,
    self_steps,
    today,
    unborn_steps,
    until,
    url,
    walk,
)

pytestmark = pytest.mark.django_db


def answer(client, service, page, data, steps=None):
    """Answer the pages before ``page`` correctly, then post ``data`` to it."""
    walk(client, service, until(steps or self_steps(), page))
    return client.post(url(service, page), data)


def future(days):
    return today() + timedelta(days=days)


def child(**changes):
    """The child's page with a good name and date of birth, and ``changes``."""
    return {"child_first_name": "Robin", **date_data("date_of_birth", child_born()), **changes}


def child_born_on(**parts):
    """The child's page with these date of birth boxes."""
    return {"child_first_name": "Robin", **{f"date_of_birth_{k}": v for k, v in parts.items()}}


CASES = [
    # page, data, messages in the error summary
    ("postcode", {"postcode": ""}, ["Enter your postcode"]),
    ("postcode", {"postcode": "SK1"}, ["Enter a real postcode, like SK1 3XE"]),
    ("postcode", {"postcode": "not a postcode"}, ["Enter a real postcode, like SK1 3XE"]),
    ("postcode", {"postcode": "S" * 17}, ["Enter a real postcode, like SK1 3XE"]),
    ("child", {"child_first_name": "Robin"}, ["Enter your child's date of birth"]),
    (
        "child",
        child_born_on(day="1", month="", year="2025"),
        ["Date of birth must include a month"],
    ),
    (
        "child",
        child_born_on(day="31", month="2", year="2025"),
        ["Date of birth must be a real date"],
    ),
    ("child", child_born_on(day="1", month="2", year="25"), ["Year must include 4 numbers"]),
    ("child", "tomorrow", ["Date of birth must be today or in the past"]),
    (
        "child",
        {"child_first_name": ""},
        ["Enter your child's first name", "Enter your child's date of birth"],
    ),
    (
        "name",
        {"first_name": "", "last_name": ""},
        ["Enter your first name", "Enter your last name"],
    ),
    (
        "name",
        {"first_name": "A" * 101, "last_name": "B", "pronouns": "x" * 51},
        ["First name must be 100 characters or less", "Pronouns must be 50 characters or less"],
    ),
    ("relationship", {}, ["Select your relationship to the child"]),
    ("relationship", {"relationship": "other"}, ["Enter your relationship to the child"]),
    (
        "relationship",
        {"relationship": "other", "relationship_other": "x" * 101},
        ["Relationship to the child must be 100 characters or less"],
    ),
    ("contact", {"phone": "", "email": ""}, ["Enter a phone number or an email address"]),
    (
        "contact",
        {"phone": "12345", "email": "not-an-email"},
        [
            "Enter a UK phone number, like 07700 900 982 or 0161 496 0000",
            "Enter an email address in the correct format, like name@example.com",
        ],
    ),
    (
        "contact",
        {"phone": "+1 202 555 0100", "email": ""},
        ["Enter a UK phone number, like 07700 900 982 or 0161 496 0000"],
    ),
    (
        "contact",
        {"phone": "", "email": "a" * 250 + "@b.uk"},
        ["Email address must be 254 characters or less"],
    ),
    (
        "contact-preferences",
        {},
        ["Select how you would like us to contact you", "Select yes if we can leave a message"],
    ),
    (
        "contact-preferences",
        {"preferred_contact": "carrier pigeon", "safe_to_leave_message": "yes"},
        ["Select how you would like us to contact you"],
    ),
    (
        "language",
        {"language": "", "interpreter_needed": ""},
        ["Enter the language you prefer to speak", "Select yes if you need an interpreter"],
    ),
    (
        "language",
        {"language": "English", "interpreter_needed": "no", "access_needs": "x" * 1001},
        ["Access needs must be 1,000 characters or less"],
    ),
    ("address", {"address": "x" * 501}, ["Address must be 500 characters or less"]),
    ("child", child(child_first_name=""), ["Enter your child's first name"]),
    (
        "child",
        child(child_nhs_number="123"),
        ["NHS number must be 10 digits, like 943 476 5919"],
    ),
    (
        "child",
        child(child_nhs_number="943 476 5910"),
        ["Enter a valid NHS number. Check you have typed it correctly"],
    ),
    ("other-children", {}, ["Select yes if you want to add another child"]),
    ("help", {"help_wanted": "  "}, ["Enter what you would like help with"]),
    ("help", {"help_wanted": "x" * 2001}, ["Your answer must be 2,000 characters or less"]),
    ("equality", {}, ["Select yes if you want to answer the equality questions"]),
    ("ethnic-group", {"ethnic_group": "martian"}, ["Select one of the options"]),
    ("gender", {"gender": "x"}, ["Select one of the options"]),
]


@pytest.mark.parametrize(
    "page, data, messages", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_wrong_answers_get_messages_a_person_can_act_on(client, service, page, data, messages):
    if data == "tomorrow":
        data = child(**date_data("date_of_birth", future(1)))
    response = answer(client, service, page, data)
    assert response.status_code == 200
    assert errors(response) == messages
    html = response.content.decode()
    assert "<title>Error: " in html
    assert (
        '<div class="nhsuk-error-summary" data-module="nhsuk-error-summary" tabindex="-1">' in html
    )
    assert "This field is required" not in html
    for message in messages:
        assert f'<span class="nhsuk-u-visually-hidden">Error: </span>{message}' in html.replace(
            "&#x27;", "'"
        )
    # The wrong answer was not kept: the next page is still out of reach.
    following = [n for n, _ in self_steps()]
    next_page = following[following.index(page) + 1]
    assert client.get(url(service, next_page))["Location"] == url(service, page)


def test_error_summary_links_go_to_the_field(client, service):
    response = answer(client, service, "name", {"first_name": "", "last_name": ""})
    html = response.content.decode()
    assert '<a href="#id_first_name">Enter your first name</a>' in html
    response = answer(client, service, "child", {"child_first_name": "Robin"})
    assert (
        '<a href="#id_date_of_birth_day">Enter your child&#x27;s date of birth</a>'
        in response.content.decode()
    )


def test_postcodes_are_normalised(client, service):
    response = answer(client, service, "postcode", {"postcode": "  sk1   3xe "})
    assert response.status_code == 302
    state = client.session[f"vig.referral.self.{service.pk}"]
    assert state["steps"]["postcode"] == {"postcode": "SK1 3XE"}


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("07700 900982", "07700900982"),
        ("+44 7700 900982", "07700900982"),
        ("(0161) 496-0000", "01614960000"),
        ("0044 161 496 0000", "01614960000"),
    ],
)
def test_uk_phone_numbers_are_accepted_in_the_ways_people_write_them(
    client, service, typed, stored
):
    response = answer(client, service, "contact", {"phone": typed, "email": ""})
    assert response.status_code == 302
    assert client.session[f"vig.referral.self.{service.pk}"]["steps"]["contact"]["phone"] == stored


def test_nhs_numbers_are_optional_and_checked_with_modulus_11(client, service):
    response = answer(client, service, "child", child(child_nhs_number="943-476-5919"))
    assert response.status_code == 302
    stored = client.session[f"vig.referral.self.{service.pk}"]["steps"]["child"]
    assert stored["child_nhs_number"] == "9434765919"


class TestDueDates:
    @pytest.fixture
    def service(self):
        return ServiceFactory(accepts_unborn=True)

    @pytest.fixture
    def steps(self):
        return unborn_steps(future(30))

    @pytest.mark.parametrize("data", [{}, {"born": "maybe"}])
    def test_born_must_be_answered(self, client, service, steps, data):
        response = answer(client, service, "born", data, steps)
        assert errors(response) == ["Select yes if your child has been born"]
        assert client.get(url(service, "child"))["Location"] == url(service, "born")

    def test_a_due_date_in_the_past_says_what_to_do(self, client, service, steps):
        response = answer(client, service, "child", date_data("due_date", future(-1)), steps)
        assert errors(response) == [
            "Due date must be today or in the future. If your baby has been born, go back and "
            "choose yes"
        ]

    def test_a_due_date_more_than_10_months_ahead_is_refused(self, client, service, steps):
        too_far = add_months(today(), 10) + timedelta(days=1)
        response = answer(client, service, "child", date_data("due_date", too_far), steps)
        assert errors(response) == ["Due date must be within the next 10 months"]
        response = client.post(
            url(service, "child"), date_data("due_date", add_months(today(), 10))
        )
        assert response.status_code == 302

    def test_a_due_date_today_is_accepted(self, client, service, steps):
        response = answer(client, service, "child", date_data("due_date", today()), steps)
        assert response.status_code == 302

    def test_an_empty_due_date(self, client, service, steps):
        assert errors(answer(client, service, "child", {}, steps)) == ["Enter your baby's due date"]


def test_another_child_must_be_born_and_under_18(client, service):
    walk(client, service, until(self_steps(), "other-children"))
    response = client.post(
        url(service, "another-child"),
        {"first_name": "", "nhs_number": "1", **date_data("date_of_birth", future(3))},
    )
    assert errors(response) == [
        "Enter the child's first name",
        "Date of birth must be today or in the past",
        "NHS number must be 10 digits, like 943 476 5919",
    ]
    eighteen = today().replace(year=today().year - 18)
    response = client.post(
        url(service, "another-child"), {"first_name": "Sam", **date_data("date_of_birth", eighteen)}
    )
    assert errors(response) == ["Date of birth must be for a child under 18"]
    assert errors(client.post(url(service, "another-child"), {"first_name": "Sam"})) == [
        "Enter the child's date of birth"
    ]


def test_null_characters_get_a_message_not_an_error(client, service):
    response = answer(client, service, "name", {"first_name": "Sam\x00", "last_name": "Jones"})
    assert errors(response) == ["Remove any unusual characters from first name"]


@pytest.mark.parametrize("route", [Route.SELF, Route.PROFESSIONAL])
def test_every_text_answer_has_a_maximum_length(service, route):
    """Every text box on every page has a limit (checked on the server, with a message)."""
    from referrals.journey import FLOWS, Context

    ctx = Context(
        service=service,
        route=route,
        today=today(),
        answers={"ethnic_group": "white", "phone": "07700900982", "email": "a@b.uk"},
    )
    forms = [step.form_class(ctx=ctx) for step in FLOWS[route]]
    forms.append(OtherChildForm(ctx=ctx))
    for form in forms:
        for name, field in form.fields.items():
            if isinstance(field, CharField):
                assert field.max_length, (type(form).__name__, name)
                assert "maxlength" not in field.widget.attrs
                assert "characters" in field.error_messages["max_length"] or (
                    field.error_messages["max_length"].startswith(("Enter", "NHS number"))
                )
