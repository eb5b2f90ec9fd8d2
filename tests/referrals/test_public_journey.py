"""Self-referral online: one thing a page (the child's name and date of birth together),
answers in the session, one referral sent.

The helpers at the top (answers for every page, ``walk``) are shared by the other
public referral tests.
"""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from referrals.models import Caregiver, Child, Referral, Route
from tests.factories import ServiceFactory
from tests.helpers import errors
from tests.helpers import main_text as text

pytestmark = pytest.mark.django_db


# --- Shared helpers ------------------------------------------------------------------------


def today():
    return timezone.localdate()


def date_data(name, value):
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def child_born():
    return today() - timedelta(days=400)


ELIGIBILITY = [("postcode", {"postcode": "sk1 3xe"})]  # then the child's page


def child_page(**changes):
    """The child's name, date of birth and NHS number: one page."""
    return {
        "child_first_name": "Robin",
        "child_last_name": "Jones",
        "child_nhs_number": "",
        **date_data("date_of_birth", child_born()),
        **changes,
    }


def self_steps(**changes):
    """Good answers for every self-referral page, in order: ``[(page, data)]``.

    ``changes={"page": {...}}`` replaces a page's answers; ``None`` leaves it out.
    A service that takes unborn babies also asks ``born`` (see ``unborn_steps``).
    """
    steps = [
        *ELIGIBILITY,
        ("child", child_page()),
        ("name", {"first_name": "Sam", "last_name": "Jones", "pronouns": "she/her"}),
        ("relationship", {"relationship": "mother"}),
        ("contact", {"phone": "07700 900982", "email": "sam.jones@family.invalid"}),
        ("contact-preferences", {"preferred_contact": "text", "safe_to_leave_message": "yes"}),
        ("address", {"address": "1 Mill Lane\nStockport"}),
        ("language", {"language": "English", "interpreter_needed": "no", "access_needs": ""}),
        ("other-children", {"add_another": "no"}),
        ("help", {"help_wanted": "I want to feel more confident playing with my baby."}),
        ("equality", {"equality": "yes"}),
        ("ethnic-group", {"ethnic_group": "white"}),
        ("ethnic-background", {"ethnicity": "A"}),
        ("gender", {"gender": "woman"}),
        ("sexual-orientation", {"sexual_orientation": "not_stated"}),
    ]
    result = []
    for name, data in steps:
        if name in changes:
            if changes[name] is None:
                continue
            data = changes[name]
        result.append((name, data))
    return result


def with_born(steps, born="yes"):
    """The same answers for a service that takes unborn babies, which asks "born" first."""
    steps = list(steps)
    steps.insert(1, ("born", {"born": born}))
    return steps


def unborn_steps(due, **changes):
    """A parent expecting a baby, to a service that takes unborn babies."""
    baby = {"child_first_name": "", "child_last_name": "", **date_data("due_date", due)}
    return with_born(self_steps(**{"child": baby, **changes}), "no")


def until(steps, name):
    """The answers for the pages before ``name``."""
    return steps[: [n for n, _ in steps].index(name)]


def url(service, page="", route=Route.SELF):
    prefix = "/refer/professional/" if route == Route.PROFESSIONAL else "/refer/"
    return f"{prefix}{service.slug}/{page + '/' if page else ''}"


def walk(client, service, steps, route=Route.SELF):
    """Answer each page in turn; every answer must be accepted. Returns the last response."""
    response = None
    for name, data in steps:
        response = client.post(url(service, name, route), data)
        assert response.status_code == 302, (name, errors(response))
    return response


def send(client, service, route=Route.SELF, **extra):
    return client.post(url(service, "check-your-answers", route), {"website": "", **extra})


def counts():
    return Referral.objects.count(), Caregiver.objects.count(), Child.objects.count()


# --- The whole journey ---------------------------------------------------------------------


def test_a_parent_refers_themselves_and_gets_a_reference_and_an_email(
    client, service, mailoutbox, django_capture_on_commit_callbacks
):
    assert client.get(url(service)).status_code == 200
    steps = self_steps()
    for (name, data), (next_name, _) in zip(
        steps, [*steps[1:], ("check-your-answers", {})], strict=True
    ):
        page = client.get(url(service, name))
        assert page.status_code == 200, name
        response = client.post(url(service, name), data)
        assert response.status_code == 302, (name, errors(response))
        assert response["Location"] == url(service, next_name)

    check = client.get(url(service, "check-your-answers"))
    assert check.status_code == 200
    answers = text(check)
    for expected in [
        "Postcode SK1 3XE",
        "Name Sam Jones",
        "Pronouns she/her",
        "Relationship to the child Mother",
        "Phone number 07700900982",
        "Email address sam.jones@family.invalid",
        "Contact by Text message",
        f"Child's date of birth {child_born().day} ",
        "Child's name Robin Jones",
        "I want to feel more confident playing with my baby.",
        "Ethnic group White – British",
        "Sexual orientation Prefer not to say",
    ]:
        assert expected in answers, expected
    assert counts() == (0, 0, 0)  # nothing stored until "Send referral"

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, service)
    assert response.status_code == 302
    assert response["Location"] == url(service, "confirmation")

    referral = Referral.objects.get()
    assert (referral.route, referral.source, referral.service) == (Route.SELF, "B1", service)
    assert re.fullmatch(
        r"VIG-[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}", referral.reference
    )
    assert referral.help_wanted == "I want to feel more confident playing with my baby."
    caregiver = referral.caregivers.get()
    assert (caregiver.first_name, caregiver.last_name, caregiver.pronouns) == (
        "Sam",
        "Jones",
        "she/her",
    )
    assert caregiver.postcode == "SK1 3XE"
    assert caregiver.phone == "07700900982"
    assert caregiver.preferred_contact == "text"
    assert caregiver.safe_to_leave_message is True
    assert caregiver.interpreter_needed is False
    assert caregiver.address == "1 Mill Lane\nStockport"
    assert (caregiver.ethnicity, caregiver.gender, caregiver.sexual_orientation) == (
        "A",
        "woman",
        "not_stated",
    )
    child = referral.children.get()
    assert (child.first_name, child.date_of_birth, child.due_date) == ("Robin", child_born(), None)

    confirmation = client.get(url(service, "confirmation"))
    assert confirmation.status_code == 200
    assert '<div class="nhsuk-panel">' in confirmation.content.decode()
    assert referral.reference in text(confirmation)
    assert "We have sent a confirmation email" in text(confirmation)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["sam.jones@family.invalid"]
    assert referral.reference in mailoutbox[0].body


def test_without_an_email_address_no_email_is_sent(
    client, service, mailoutbox, django_capture_on_commit_callbacks
):
    walk(
        client,
        service,
        self_steps(
            contact={"phone": "07700 900982", "email": ""},
            **{
                "contact-preferences": {"preferred_contact": "phone", "safe_to_leave_message": "no"}
            },
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service)
    assert Referral.objects.get().caregivers.get().email == ""
    assert mailoutbox == []
    assert "We have sent a confirmation email" not in text(client.get(url(service, "confirmation")))


def test_every_page_has_one_heading_and_a_back_link_to_the_one_before(client, service):
    steps = self_steps()
    previous = url(service)
    for name, data in steps:
        page = client.get(url(service, name))
        html = page.content.decode()
        assert f'<a class="nhsuk-back-link" href="{previous}">Back</a>' in html, name
        assert html.count("<h1") == 1, name
        assert "<title>Error:" not in html
        client.post(url(service, name), data)
        previous = url(service, name)
    check = client.get(url(service, "check-your-answers")).content.decode()
    assert f'<a class="nhsuk-back-link" href="{previous}">Back</a>' in check


def test_question_pages_use_the_question_as_heading_and_title(client, service):
    page = client.get(url(service, "postcode"))
    html = page.content.decode()
    assert "<title>What is your postcode? – Video Interaction Guidance – NHS</title>" in html
    assert (
        '<label class="nhsuk-label nhsuk-label--l" for="id_postcode">What is your postcode?</label>'
        in html
    )
    assert 'autocomplete="postal-code"' in html
    assert page["Cache-Control"].startswith("max-age=0") and "no-store" in page["Cache-Control"]


@pytest.mark.parametrize(
    "areas, example",
    [
        ("SK1, SK2, SK4 3", "SK1 1AB"),
        ("M20", "M20 1AB"),
        ("RV1 2\nRV3", "RV1 2AB"),
        ("", "SK1 3XE"),
    ],
)
def test_the_postcode_hint_is_an_example_from_the_services_own_area(client, areas, example):
    service = ServiceFactory(eligible_areas=areas)
    html = client.get(url(service, "postcode")).content.decode()
    assert f'<div class="nhsuk-hint" id="id_postcode-hint">For example, {example}</div>' in html


def test_the_start_page_describes_the_form_and_who_can_be_helped(client, service):
    html = text(client.get(url(service)))
    assert f"Refer yourself to {service.name}" in html
    assert "live in the SK1, SK2 or SK4 3 postcode areas" in html
    assert "have a child under 5 years old" in html
    assert f'href="{url(service, "postcode")}"' in client.get(url(service)).content.decode()


def test_jumping_ahead_goes_back_to_the_first_unanswered_question(client, service):
    walk(client, service, ELIGIBILITY)
    response = client.get(url(service, "help"))
    assert response["Location"] == url(service, "child")
    response = client.get(url(service, "check-your-answers"))
    assert response["Location"] == url(service, "child")
    assert client.get(url(service, "no-such-question")).status_code == 404


def test_a_journey_without_answers_in_the_session_starts_again_and_says_why(client, service):
    response = client.get(url(service, "name"), follow=True)
    assert response.redirect_chain[-1][0] == url(service, "postcode")
    assert "We could not find your earlier answers" in text(response)


# --- Not eligible: say why, store nothing --------------------------------------------------


@pytest.mark.parametrize(
    "postcode, born, reason",
    [
        ("M1 1AA", date(2025, 1, 1), "only helps families living in its area"),
        ("SK4 2AB", date(2025, 1, 1), "only helps families living in its area"),  # not sector 3
        ("SK1 3XE", "5 years ago", "with a child who is under 5 years old"),
    ],
)
def test_an_ineligible_family_is_told_why_and_nothing_is_kept(
    client, service, postcode, born, reason
):
    if born == "5 years ago":
        born = today().replace(year=today().year - 5)
    walk(client, service, [("postcode", {"postcode": postcode})])
    response = client.post(url(service, "child"), child_page(**date_data("date_of_birth", born)))
    assert response["Location"] == url(service, "not-eligible")
    page = client.get(url(service, "not-eligible"))
    assert page.status_code == 200
    words = text(page)
    assert f"Sorry, {service.name} cannot accept your referral" in words
    assert reason in words
    assert service.contact_phone in words and service.contact_email in words
    assert "We have not kept the answers you gave." in words
    assert counts() == (0, 0, 0)
    state = client.session[f"vig.referral.self.{service.pk}"]
    assert state["steps"] == {} and state["children"] == []
    # Going on is not possible: the questions start again.
    assert client.get(url(service, "name"))["Location"] == url(service, "postcode")


def test_at_the_age_limit_exactly_the_child_is_too_old(client, service):
    fifth_birthday = today().replace(year=today().year - 5)
    walk(client, service, ELIGIBILITY)
    response = client.post(
        url(service, "child"), child_page(**date_data("date_of_birth", fifth_birthday))
    )
    assert response["Location"] == url(service, "not-eligible")
    walk(client, service, ELIGIBILITY)
    response = client.post(
        url(service, "child"),
        child_page(**date_data("date_of_birth", fifth_birthday + timedelta(days=1))),
    )
    assert response["Location"] == url(service, "name")


def test_a_service_for_born_children_never_offers_not_born_yet(client, service):
    """No path the service will refuse: it does not ask whether the child is born."""
    response = walk(client, service, ELIGIBILITY)
    assert response["Location"] == url(service, "child")
    assert client.get(url(service, "born"))["Location"] == url(service, "child")
    page = client.get(url(service, "child")).content.decode()
    assert "due_date" not in page and "expecting" not in page
    assert 'name="date_of_birth_day"' in page
    # A due date sent anyway is not an answer: the date of birth is still asked for.
    response = client.post(
        url(service, "child"),
        {"child_first_name": "Robin", **date_data("due_date", today() + timedelta(days=60))},
    )
    assert errors(response) == ["Enter your child's date of birth"]
    assert counts() == (0, 0, 0)


def test_a_service_that_takes_unborn_babies_asks_born_first(client):
    service = ServiceFactory(accepts_unborn=True)
    response = walk(client, service, ELIGIBILITY)
    assert response["Location"] == url(service, "born")
    response = client.post(url(service, "born"), {"born": "no"})
    assert response["Location"] == url(service, "child")
    page = text(client.get(url(service, "child")))
    assert "Your baby's details" in page and "Due date" in page
    assert "Date of birth" not in page and "NHS number" not in page


def test_the_not_eligible_page_without_a_reason_goes_to_the_start(client, service):
    assert client.get(url(service, "not-eligible"))["Location"] == url(service)


def test_an_expecting_parent_can_refer_to_a_service_that_takes_unborn_babies(
    client, django_capture_on_commit_callbacks
):
    service = ServiceFactory(accepts_unborn=True, max_child_age_months=24)
    due = today() + timedelta(days=90)
    walk(client, service, unborn_steps(due))
    answers = text(client.get(url(service, "check-your-answers")))
    assert "Child born No, expecting a baby" in answers
    assert "Child's name Not chosen yet" in answers
    assert "NHS number" not in answers
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service)
    child = Referral.objects.get().children.get()
    assert (child.date_of_birth, child.due_date, child.first_name) == (None, due, "")
    assert child.display_name == "Unborn baby"


# --- Check your answers and "Change" -------------------------------------------------------


def test_change_links_return_to_check_your_answers(client, service):
    walk(client, service, self_steps())
    check = client.get(url(service, "check-your-answers")).content.decode()
    change = url(service, "postcode") + "?change=1"
    link = (
        f'<a class="nhsuk-link" href="{change}">'
        'Change<span class="nhsuk-u-visually-hidden"> Postcode</span></a>'
    )
    assert link in check

    page = client.get(change).content.decode()
    assert (
        f'<a class="nhsuk-back-link" href="{url(service, "check-your-answers")}">Back</a>' in page
    )
    assert 'value="SK1 3XE"' in page  # the answer given is shown again
    response = client.post(change, {"postcode": "SK2 1AA"})
    assert response["Location"] == url(service, "check-your-answers")
    assert "Postcode SK2 1AA" in text(client.get(url(service, "check-your-answers")))


def test_changing_an_answer_that_needs_a_follow_up_asks_it_then_returns(client, service):
    walk(client, service, self_steps())
    change = url(service, "relationship") + "?change=1"
    page = client.get(change).content.decode()
    # The follow-up is under "Other", on the same page, asked only if "Other" is chosen.
    follow_up = page[page.index('id="follow-up-id_relationship_4"') :]
    assert 'name="relationship_other"' in follow_up[:1000]
    assert "aria-controls" not in page and "aria-expanded" not in page
    response = client.post(change, {"relationship": "other"})
    assert errors(response) == ["Enter your relationship to the child"]
    response = client.post(
        change, {"relationship": "other", "relationship_other": "Special guardian"}
    )
    assert response["Location"] == url(service, "check-your-answers")
    assert "Relationship, in your words Special guardian" in text(
        client.get(url(service, "check-your-answers"))
    )


def test_removing_the_email_asks_again_how_to_make_contact(client, service):
    walk(
        client,
        service,
        self_steps(
            **{
                "contact-preferences": {
                    "preferred_contact": "email",
                    "safe_to_leave_message": "yes",
                }
            }
        ),
    )
    response = client.post(
        url(service, "contact") + "?change=1", {"phone": "0161 496 0000", "email": ""}
    )
    assert response["Location"] == url(service, "contact-preferences") + "?change=1"
    page = client.get(response["Location"])
    # A landline: a phone call is possible, a text message and an email are not.
    assert 'value="phone"' in page.content.decode()
    assert 'value="text"' not in page.content.decode()
    assert 'value="email"' not in page.content.decode()
    response = client.post(
        response["Location"], {"preferred_contact": "phone", "safe_to_leave_message": "no"}
    )
    assert response["Location"] == url(service, "check-your-answers")


def test_changing_the_date_of_birth_checks_eligibility_again(client, service):
    walk(client, service, self_steps())
    too_old = today().replace(year=today().year - 6)
    response = client.post(
        url(service, "child") + "?change=1", child_page(**date_data("date_of_birth", too_old))
    )
    assert response["Location"] == url(service, "not-eligible")
    assert counts() == (0, 0, 0)
    assert client.session[f"vig.referral.self.{service.pk}"]["steps"] == {}


def test_changing_to_an_unborn_baby_asks_the_due_date_then_returns(client):
    service = ServiceFactory(accepts_unborn=True)
    walk(client, service, with_born(self_steps()))
    response = client.post(url(service, "born") + "?change=1", {"born": "no"})
    assert response["Location"] == url(service, "child") + "?change=1"
    response = client.post(
        response["Location"],
        {"child_first_name": "Robin", **date_data("due_date", today() + timedelta(days=30))},
    )
    assert response["Location"] == url(service, "check-your-answers")
    answers = text(client.get(url(service, "check-your-answers")))
    assert "Baby's due date" in answers and "Child's date of birth" not in answers


# --- Other children ------------------------------------------------------------------------


def test_adding_changing_and_removing_another_child(client, service):
    walk(client, service, until(self_steps(), "other-children"))
    response = client.post(url(service, "other-children"), {"add_another": "yes"})
    assert response["Location"] == url(service, "another-child")
    sibling = {"first_name": "Alex", "last_name": "Jones", "nhs_number": "943 476 5919"}
    response = client.post(
        url(service, "another-child"),
        {**sibling, **date_data("date_of_birth", today() - timedelta(days=365 * 4))},
    )
    assert response["Location"] == url(service, "other-children")
    page = client.get(url(service, "other-children"))
    assert "You have added 2 children" in text(page)
    assert "Alex Jones" in text(page)

    response = client.post(
        url(service, "another-child/0"),
        {
            **sibling,
            "first_name": "Alexis",
            **date_data("date_of_birth", today() - timedelta(days=365 * 4)),
        },
    )
    assert response["Location"] == url(service, "other-children")
    assert "Alexis Jones" in text(client.get(url(service, "other-children")))

    steps = self_steps()
    walk(client, service, steps[[n for n, _ in steps].index("other-children") :])
    with_sibling = text(client.get(url(service, "check-your-answers")))
    assert "Alexis Jones" in with_sibling and "NHS number 943 476 5919" in with_sibling

    confirm = client.get(url(service, "another-child/0/remove") + "?change=1")
    assert "Are you sure you want to remove Alexis Jones?" in text(confirm)
    response = client.post(url(service, "another-child/0/remove") + "?change=1")
    assert response["Location"] == url(service, "check-your-answers")
    assert "Alexis" not in text(client.get(url(service, "check-your-answers")))
    assert client.get(url(service, "another-child/0")).status_code == 404


def test_other_children_are_sent_with_the_referral(
    client, service, django_capture_on_commit_callbacks
):
    walk(client, service, self_steps())
    client.post(
        url(service, "another-child") + "?change=1",
        {
            "first_name": "Alex",
            "last_name": "",
            "nhs_number": "",
            **date_data("date_of_birth", date(2020, 5, 1)),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service)
    names = list(Referral.objects.get().children.values_list("first_name", "date_of_birth"))
    assert names == [("Robin", child_born()), ("Alex", date(2020, 5, 1))]


def test_a_family_can_add_up_to_five_other_children(client, service):
    walk(client, service, until(self_steps(), "other-children"))
    for n in range(5):
        response = client.post(
            url(service, "another-child"),
            {
                "first_name": f"Child{n}",
                "last_name": "",
                "nhs_number": "",
                **date_data("date_of_birth", date(2020, 1, 1 + n)),
            },
        )
        assert response.status_code == 302
    page = client.get(url(service, "other-children"))
    assert "You have added 6 children" in text(page)
    assert "add_another" not in page.content.decode()
    assert client.get(url(service, "another-child"))["Location"] == url(service, "other-children")
    assert client.post(url(service, "other-children"), {})["Location"] == url(service, "help")


# --- Equality questions --------------------------------------------------------------------


def test_the_equality_questions_can_be_skipped_as_a_whole(
    client, service, django_capture_on_commit_callbacks
):
    steps = [
        s
        for s in self_steps()
        if s[0] not in ("ethnic-group", "ethnic-background", "gender", "sexual-orientation")
    ]
    steps[-1] = ("equality", {"equality": "no"})
    response = walk(client, service, steps)
    assert response["Location"] == url(service, "check-your-answers")
    assert "Equality questions Skipped" in text(client.get(url(service, "check-your-answers")))
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service)
    caregiver = Caregiver.objects.get()
    assert (caregiver.ethnicity, caregiver.gender, caregiver.sexual_orientation) == ("", "", "")


def test_each_equality_question_can_be_left_unanswered_or_prefer_not_to_say(
    client, service, django_capture_on_commit_callbacks
):
    steps = self_steps(
        **{
            "ethnic-group": {"ethnic_group": "not_stated"},
            "ethnic-background": None,
            "gender": {},
            "sexual-orientation": {},
        }
    )
    walk(client, service, steps)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service)
    caregiver = Caregiver.objects.get()
    assert (caregiver.ethnicity, caregiver.gender, caregiver.sexual_orientation) == ("Z", "", "")


def test_ethnic_background_choices_follow_the_group(client, service):
    walk(client, service, self_steps())
    client.post(url(service, "ethnic-group") + "?change=1", {"ethnic_group": "asian"})
    html = client.get(url(service, "ethnic-background")).content.decode()
    assert "Which of these best describes your Asian or Asian British background?" in html
    for code, shown in [
        ("H", True),
        ("J", True),
        ("K", True),
        ("L", True),
        ("A", False),
        ("Z", True),
    ]:
        assert (f'value="{code}"' in html) is shown, code


# --- Other tabs, other sessions ------------------------------------------------------------


def test_two_services_in_two_tabs_keep_their_answers_apart(
    client, service, django_capture_on_commit_callbacks
):
    other = ServiceFactory(eligible_areas="M1")
    walk(client, service, self_steps())
    walk(
        client,
        other,
        self_steps(
            postcode={"postcode": "m1 1aa"},
            name={"first_name": "Kai", "last_name": "Lee", "pronouns": ""},
        ),
    )
    first = text(client.get(url(service, "check-your-answers")))
    second = text(client.get(url(other, "check-your-answers")))
    assert "SK1 3XE" in first and "M1 1AA" not in first and "Kai" not in first
    assert "M1 1AA" in second and "SK1 3XE" not in second and "Sam" not in second

    with django_capture_on_commit_callbacks(execute=True):
        send(client, other)
    assert Referral.objects.get().service == other
    # The first service's answers are still there, untouched.
    assert "Name Sam Jones" in text(client.get(url(service, "check-your-answers")))
    assert client.get(url(service, "confirmation"))["Location"] == url(service)


def test_a_confirmation_is_only_shown_to_the_session_that_sent_it(
    client, client_factory, service, django_capture_on_commit_callbacks
):
    walk(client, service, self_steps())
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service)
    reference = Referral.objects.get().reference
    stranger = client_factory()
    response = stranger.get(url(service, "confirmation"))
    assert response.status_code == 302 and response["Location"] == url(service)
    assert reference not in stranger.get(url(service), follow=True).content.decode()


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def test_starting_again_after_sending_begins_a_new_referral(
    client, service, django_capture_on_commit_callbacks
):
    walk(client, service, self_steps())
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service)
    first_key = client.session[f"vig.referral.self.{service.pk}"]["key"]
    client.get(url(service))
    walk(client, service, self_steps())
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service)
    assert Referral.objects.count() == 2
    assert client.session[f"vig.referral.self.{service.pk}"]["key"] != first_key


def test_eligibility_is_checked_again_when_sending(client, service):
    """The service changed its area while the parent was answering."""
    walk(client, service, self_steps())
    type(service).objects.filter(pk=service.pk).update(eligible_areas="M1")
    response = send(client, service)
    assert response["Location"] == url(service, "not-eligible")
    assert "only helps families living in its area" in text(client.get(response["Location"]))
    assert counts() == (0, 0, 0)


def test_the_acknowledgement_gives_whichever_contact_details_the_service_has(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    service = ServiceFactory(contact_phone="", contact_email="referrals@vig.invalid")
    walk(client, service, self_steps())
    with django_capture_on_commit_callbacks(execute=True):
        send(client, service)
    assert "If you need to talk to us sooner, contact referrals@vig.invalid." in mailoutbox[0].body
