"""Referring online in a real browser at phone size, with axe on every page reached —
error pages included: a parent's whole self-referral, the ineligible path, a
professional's referral, and a self-referral with JavaScript turned off."""

import os
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from referrals.models import Caregiver, Child, Referral
from tests.e2e.conftest import PHONE, assert_accessible, visit
from tests.factories import ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set to a folder to keep screenshots of each page for a person to look at.
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS")
REFERENCE = re.compile(r"VIG-[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}")


def screenshot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def fits_the_phone(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def service():
    return ServiceFactory(
        name="Northmoor VIG",
        slug="northmoor",
        description="Run by Northmoor's health visiting team from its family hubs.",
        eligible_areas="SK1, SK2",
        contact_phone="01632 960 101",
        contact_email="vig@northmoor.example",
    )


def checked_as_served(checker):
    """axe for a page whose JavaScript is off.

    axe runs in the page and needs JavaScript, so a second page (scripts on)
    loads the very same markup at the same address, with the page's scripts taken
    out, and axe checks that: what a person without JavaScript is given.
    """

    def check(page):
        html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S)
        address = page.url.split("#")[0]  # a request never carries the #fragment
        checker.route(
            lambda url: url == address,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
        )
        checker.goto(address)
        checker.unroute_all()
        assert checker.locator("body.js-enabled").count() == 0
        assert_accessible(checker)

    return check


class Form:
    """Fill a question page the way a person would, then check the next page with axe."""

    def __init__(self, page, shots="", check=assert_accessible):
        self.page = page
        self.shots = shots
        self.count = 0
        self.check = check

    def heading(self):
        return self.page.locator("h1").first.inner_text().strip()

    def next(self, expected_heading=None, button="Continue"):
        if self.shots:
            self.count += 1
            screenshot(self.page, f"{self.shots}-{self.count:02d}")
        self.page.get_by_role("button", name=button).click()
        self.page.wait_for_load_state()
        self.check(self.page)
        assert fits_the_phone(self.page), self.page.url
        if expected_heading:
            assert self.heading() == expected_heading, self.page.url

    def fill(self, label, value):
        self.page.get_by_label(label, exact=True).fill(value)

    def choose(self, label):
        self.page.get_by_label(label, exact=True).check()

    def date(self, value, within=None):
        """Fill a date's boxes (those inside ``within``, a CSS selector, if given)."""
        root = self.page.locator(within) if within else self.page
        for box, part in (("Day", value.day), ("Month", value.month), ("Year", value.year)):
            root.get_by_label(box, exact=True).fill(str(part))

    def answer(self, group, label):
        """Choose ``label`` in the radios whose question is ``group``."""
        self.page.get_by_role("group", name=group).get_by_label(label, exact=True).check()


def self_referral_answers(form):
    """From "What is your name?" to "Check your answers"."""
    form.fill("First name", "Sam")
    form.fill("Last name", "Jones")
    form.next("What is your relationship to the child?")
    form.choose("Father")
    form.next("How can we contact you?")
    form.fill("Phone number", "07700 900982")
    form.fill("Email address", "sam.jones@family.invalid")
    form.next("Contact preferences")
    form.choose("Text message")
    # Messages allowed: the acknowledgement is emailed (without Notify, texts can't go).
    # A family who says "No" is sent nothing in writing (tests/scheduling).
    form.answer("Can we leave you a message?", "Yes")
    form.next("What is your address? (optional)")
    form.next("Language and access needs")
    form.fill("Which language do you prefer to speak?", "English")
    form.answer("Do you need an interpreter?", "No")
    form.next("You have added 1 child")
    form.choose("No")
    form.next("What would you like help with?")
    form.fill("What would you like help with?", "I would like to enjoy playtime more.")
    form.next("Equality questions")
    form.choose("No, skip these questions")
    form.next("Check your answers before sending your referral")


def test_a_parent_refers_themselves_on_a_phone_and_gets_a_reference(
    live_server, page, service, mailoutbox
):
    visit(page, live_server.url + "/")
    page.get_by_role("link", name="Northmoor VIG").click()
    assert_accessible(page)
    assert page.locator("h1").inner_text() == "Northmoor VIG"
    assert fits_the_phone(page)
    screenshot(page, "self-00-service")
    page.get_by_role("button", name="Refer yourself").click()
    assert_accessible(page)
    assert page.locator("h1").inner_text() == "Refer yourself to Northmoor VIG"
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)

    form = Form(page, shots="self")
    # A mistake first: the error summary, focused, links to the field.
    form.next("What is your postcode?")
    assert page.title().startswith("Error: ")
    summary = page.locator(".nhsuk-error-summary")
    assert summary.get_by_role("link", name="Enter your postcode").is_visible()
    summary.get_by_role("link", name="Enter your postcode").click()
    assert page.evaluate("() => document.activeElement.id") == "id_postcode"
    form.fill("What is your postcode?", "sk1 3xe")
    # Northmoor does not take unborn babies: "Has your child been born?" is never asked.
    form.next("Your child's details")
    form.fill("First name", "Robin")
    form.date(timezone.localdate() + timedelta(days=2))
    form.next("Your child's details")  # in the future: an error
    error = " ".join(page.locator(".nhsuk-error-message").inner_text().split())
    assert error == "Error: Date of birth must be today or in the past"
    form.date(timezone.localdate() - timedelta(days=300))
    form.next("What is your name?")
    self_referral_answers(form)

    assert "SK1 3XE" in page.locator("main").inner_text()
    page.get_by_role("link", name="Change Postcode").click()
    assert_accessible(page)
    form.fill("What is your postcode?", "SK2 1AA")
    form.next("Check your answers before sending your referral")
    assert "SK2 1AA" in page.locator("main").inner_text()
    screenshot(page, "self-check-answers")

    form.next("Referral sent", button="Send referral")
    reference = page.get_by_test_id("reference").inner_text()
    assert REFERENCE.fullmatch(reference)
    screenshot(page, "self-confirmation")
    referral = Referral.objects.get()
    assert referral.reference == reference
    assert referral.caregivers.get().postcode == "SK2 1AA"
    assert [m.to for m in mailoutbox] == [["sam.jones@family.invalid"]]
    assert reference in mailoutbox[0].body

    # Back, and "Send" again: still one referral, the same reference.
    page.go_back()
    assert page.locator("h1").inner_text() == "Referral sent"
    assert page.get_by_test_id("reference").inner_text() == reference
    assert Referral.objects.count() == 1


def test_an_ineligible_parent_is_told_why_and_nothing_is_stored(live_server, page, service):
    visit(page, f"{live_server.url}/refer/")  # the only service: straight to its start page
    assert page.locator("h1").inner_text() == "Refer yourself to Northmoor VIG"
    page.get_by_role("button", name="Start now").click()
    form = Form(page)
    assert "For example, SK1 1AB" in page.locator("main").inner_text()  # from its own area
    form.fill("What is your postcode?", "M1 1AE")
    form.next("Your child's details")
    form.fill("First name", "Robin")
    form.date(timezone.localdate().replace(year=timezone.localdate().year - 6))
    form.next("Sorry, Northmoor VIG cannot accept your referral")
    text = page.locator("main").inner_text()
    assert "Northmoor VIG only helps families living in its area." in text
    assert "helps families with a child who is under 5 years old" in text
    assert "01632 960 101" in text and "vig@northmoor.example" in text
    screenshot(page, "not-eligible")
    assert (Referral.objects.count(), Caregiver.objects.count(), Child.objects.count()) == (0, 0, 0)


def test_a_health_visitor_refers_a_family_with_their_agreement(
    live_server, page, service, mailoutbox
):
    riverside = ServiceFactory(
        name="Riverside Parent-Infant",
        slug="riverside",
        eligible_areas="RV1",
        max_child_age_months=24,
        accepts_unborn=True,
        requires_relationship_need=True,
        self_referral_open=False,
    )
    visit(page, f"{live_server.url}/refer/professional/")
    form = Form(page, shots="pro")
    form.choose("Riverside Parent-Infant")
    form.next("Refer a family to Riverside Parent-Infant")
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)
    # About you: a page of questions; the job title is asked under "Other professional".
    form.fill("Full name", "Amy Lee")
    form.fill("Organisation", "Riverside NHS Trust")
    form.choose("Other professional")
    form.fill("Work email address", "amy.lee@nhs.invalid")
    form.fill("Work phone number", "0161 496 0000")
    form.next("About you")
    assert page.title().startswith("Error: ")
    summary = page.locator(".nhsuk-error-summary")
    summary.get_by_role("link", name="Enter your job title").click()
    assert page.evaluate("() => document.activeElement.id") == "id_referrer_role_other"
    form.fill("What is your job title?", "Health visitor")
    form.choose("Health visitor")  # the job title is then not kept
    form.next("Has the family agreed to this referral?")
    form.choose("No")
    form.next("You need the family's agreement to refer them")
    screenshot(page, "pro-not-agreed")
    page.get_by_role("link", name="go back and change your answer").click()
    assert_accessible(page)
    form.choose("Yes")
    form.next("Where the family lives and the child's age")
    form.fill("What is the family's postcode?", "RV1 2AB")
    form.choose("No, the family is expecting a baby")
    form.date(timezone.localdate() + timedelta(days=80), within="#follow-up-id_born_1")
    form.next("The parent or carer")
    form.fill("First name", "Jo")
    form.fill("Last name", "Brown")
    form.choose("Mother")
    form.fill("Phone number", "07700 900123")
    form.choose("Phone call")
    form.answer("Can we leave the family a message?", "Yes")
    form.fill("Which language do they prefer to speak?", "Urdu")
    form.answer("Do they need an interpreter?", "Yes")
    form.next("The baby's details")
    form.answer("Do you want to add another child in the family?", "No")
    form.next("The reason for the referral")
    form.fill("What would the family like help with?", "Feeling close to the baby.")
    form.next("The reason for the referral")
    assert page.title().startswith("Error: ")
    form.fill(
        "What is the identified need in the relationship between parent and child?",
        "Anxious about bonding after a previous loss.",
    )
    form.next("Other professionals and risks")
    form.answer("Are there any safeguarding concerns about this family?", "Yes")
    form.fill("What are the safeguarding concerns?", "A child in need plan is in place.")
    form.next("Check your answers before sending your referral")
    screenshot(page, "pro-check-answers")
    page.get_by_role("link", name="Change Phone number").click()
    assert_accessible(page)
    assert page.url.endswith("/family/?change=1#id_phone")
    form.fill("Phone number", "07700 900124")
    form.next("Check your answers before sending your referral")
    assert "07700900124" in page.locator("main").inner_text()
    form.next("Referral sent", button="Send referral")
    reference = page.get_by_test_id("reference").inner_text()
    referral = Referral.objects.get()
    assert (referral.reference, referral.service, referral.source) == (reference, riverside, "A2")
    assert referral.children.get().due_date is not None
    assert referral.safeguarding_concerns == "A child in need plan is in place."
    assert referral.caregivers.get().phone == "07700900124"
    assert [m.to for m in mailoutbox] == [["amy.lee@nhs.invalid"]]


def test_a_parent_can_refer_themselves_with_javascript_turned_off(
    live_server, browser, page, service, mailoutbox
):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    no_js = context.new_page()
    check = checked_as_served(page)
    try:
        no_js.goto(f"{live_server.url}/refer/northmoor/postcode/")
        check(no_js)
        form = Form(no_js, shots="nojs", check=check)
        form.next("What is your postcode?")
        assert no_js.locator(".nhsuk-error-summary").is_visible()
        form.fill("What is your postcode?", "SK1 3XE")
        form.next("Your child's details")
        form.fill("First name", "Robin")
        form.date(timezone.localdate() - timedelta(days=700))
        form.next("What is your name?")
        self_referral_answers(form)

        # Change links and back links work without scripts; so does a question asked
        # under an option.
        no_js.get_by_role("link", name="Change Relationship to the child").click()
        check(no_js)
        words = no_js.get_by_label("How would you describe your relationship to the child?")
        assert words.is_visible()
        form.choose("Other")
        form.next("What is your relationship to the child?")  # the words are needed
        words.fill("Stepdad")
        form.next("Check your answers before sending your referral")
        assert "Stepdad" in no_js.locator("main").inner_text()
        no_js.get_by_role("link", name="Back", exact=True).click()
        check(no_js)
        assert no_js.locator("h1").inner_text() == "Equality questions"
        form.next("Check your answers before sending your referral")

        form.next("Referral sent", button="Send referral")
        assert no_js.locator("body.js-enabled").count() == 0
        assert REFERENCE.fullmatch(no_js.get_by_test_id("reference").inner_text())
        assert Referral.objects.get().caregivers.get().relationship_other == "Stepdad"
        assert len(mailoutbox) == 1
    finally:
        context.close()


def test_a_professional_can_refer_with_javascript_turned_off(
    live_server, browser, page, service, mailoutbox
):
    """Pages of several questions work without scripts."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    no_js = context.new_page()
    check = checked_as_served(page)
    try:
        no_js.goto(f"{live_server.url}/refer/professional/northmoor/about-you/")
        check(no_js)
        form = Form(no_js, shots="nojs-pro", check=check)
        assert no_js.get_by_label("What is your job title?", exact=True).is_visible()
        form.fill("Full name", "Pat Okafor")
        form.fill("Organisation", "Northmoor Family Hubs")
        form.choose("Other professional")
        form.fill("What is your job title?", "Family support worker")
        form.fill("Work email address", "pat.okafor@nhs.invalid")
        form.fill("Work phone number", "0161 496 0000")
        form.next("Has the family agreed to this referral?")
        form.choose("Yes")
        form.next("Where the family lives and the child's age")
        assert no_js.get_by_role("group", name="Has the child been born?").count() == 0
        form.fill("What is the family's postcode?", "SK2 6PL")
        form.date(timezone.localdate() - timedelta(days=200))
        form.next("The parent or carer")
        form.fill("First name", "Jo")
        form.fill("Last name", "Brown")
        form.choose("Father")
        form.fill("Email address", "jo.brown@family.invalid")
        form.choose("Text message")  # offered, but needs a mobile number
        form.answer("Can we leave the family a message?", "No")
        form.fill("Which language do they prefer to speak?", "English")
        form.answer("Do they need an interpreter?", "No")
        form.next("The parent or carer")
        error = " ".join(no_js.locator(".nhsuk-error-message").inner_text().split())
        assert error == "Error: Enter a mobile phone number to be contacted by text message"
        form.fill("Phone number", "07700 900123")
        form.next("The child's details")
        form.fill("First name", "Ola")
        form.answer("Do you want to add another child in the family?", "No")
        form.next("The reason for the referral")
        form.fill("What would the family like help with?", "Dad would like to feel closer.")
        form.next("Other professionals and risks")
        assert no_js.get_by_label("What are the safeguarding concerns?").is_visible()
        form.answer("Are there any safeguarding concerns about this family?", "No")
        form.next("Check your answers before sending your referral")
        form.next("Referral sent", button="Send referral")
        referral = Referral.objects.get()
        assert (referral.source, referral.referrer_role) == ("M6", "Family support worker")
        assert referral.caregivers.get().preferred_contact == "text"
        assert len(mailoutbox) == 1
    finally:
        context.close()
