"""A family's whole programme, run by their guider on a phone.

Case page → consent → a goal with its helping question and baseline → a filming
visit at home → (time passes) attended → a shared review with ratings → the
summary emailed → extended from 8 to 10 visits with the family's agreement →
the filming visit's summary skipped, with why → ended with end ratings → the
closing letter printed.

The clock is moved with time-machine, so visits can be booked ahead and their
outcome recorded once they have started, as in real life; the live server runs
in this process and sees the same clock. Sessions end after 30 idle minutes,
so after a week "passes" the guider signs in again. axe runs on every page,
error states included.
"""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import GoalRating, Programme, SummaryDelivery, VisitKind, VisitState
from tests.e2e.conftest import assert_accessible, visit
from tests.e2e.test_triage import sign_in_as
from tests.factories import TeamFactory, UserFactory
from tests.helpers import consent_form, open_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCOPE_QUESTIONS = [
    "Do they agree to being filmed?",
    "Do they agree to the film being kept for the programme?",
    "Do they agree to clips being shown to the VIG supervisor?",
    "Do they agree to clips being shown in group supervision with other trainees?",
    "Do they agree to clips being used in training or presentations?",
]


def local(day, hour, minute=0):
    zone = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def success(page, text):
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(text)
    assert_accessible(page)


def fill_date(page, prefix, day):
    page.locator(f"#id_{prefix}_day").fill(str(day.day))
    page.locator(f"#id_{prefix}_month").fill(str(day.month))
    page.locator(f"#id_{prefix}_year").fill(str(day.year))


def book(page, *, kind, day, time):
    page.get_by_role("button", name="Book a visit").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Book a visit")
    page.get_by_label(kind, exact=True).check()
    fill_date(page, "visit_date", day)
    page.get_by_label("Start time").fill(time)
    page.get_by_label("Family's home").check()
    page.get_by_role("button", name="Book visit").click()


def record_attended(page):
    page.get_by_role("button", name="Record what happened").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record what happened")
    expect(page.get_by_label("Did not attend (was not brought)")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Attended", exact=True).check()
    page.get_by_role("button", name="Save outcome").click()
    success(page, "Outcome recorded: attended")


def test_a_guider_runs_a_familys_whole_programme_on_a_phone(live_server, page):
    first_day = timezone.localdate() + datetime.timedelta(days=3)
    with time_machine.travel(local(first_day, 9, 40), tick=True) as clock:
        team = TeamFactory(name="North Locality")
        lead = UserFactory(
            email="tina@trust.invalid", full_name="Tina Lead", team=team, role="team_lead"
        )
        alice = UserFactory(email="alice@trust.invalid", full_name="Alice Guider", team=team)
        programme = open_programme(team.service, team_lead=lead, practitioner=alice)
        consent_form(team.service)
        case_url = f"{live_server.url}/staff/programmes/{programme.reference}/"

        # The first meeting: consent, on screen.
        sign_in_as(page.context, live_server, alice)
        visit(page, case_url)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Robin Jones")
        page.get_by_role("link", name="Record consent").click()
        assert_accessible(page)
        for question in SCOPE_QUESTIONS:
            page.get_by_role("group", name=question).get_by_label("Yes", exact=True).check()
        page.get_by_label("Signed on screen (typed name)").check()
        page.get_by_label("Name typed by the parent or carer, if signed on screen").fill(
            "Sam Jones"
        )
        page.get_by_role("button", name="Record consent").click()
        success(page, "Consent recorded for Sam Jones")

        # A goal in Sam's words, its helping question and a baseline rating.
        page.get_by_role("link", name="Add a goal").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Add a goal")
        assert_accessible(page)
        page.get_by_role("button", name="Add goal").click()
        expect(page).to_have_title(re.compile(r"^Error: "))
        errors = page.locator(".nhsuk-error-summary")
        expect(errors).to_contain_text("Enter the goal, in the parent's words")
        expect(errors).to_contain_text("Enter the helping question")
        assert_accessible(page)
        page.get_by_label("What does the parent want to change?").fill(
            "I want to feel more confident with Robin"
        )
        page.get_by_label("Helping question").fill(
            "What am I doing to build a closer relationship with my baby?"
        )
        page.get_by_label(re.compile("baseline rating")).fill("3")
        page.get_by_role("button", name="Add goal").click()
        success(page, "Goal added")
        expect(
            page.get_by_role("heading", name="“I want to feel more confident with Robin”")
        ).to_be_visible()

        # A filming visit at home this morning: a mistyped time first.
        book(page, kind="Filming", day=first_day, time="25:00")
        expect(page).to_have_title(re.compile(r"^Error: "))
        expect(page.locator(".nhsuk-error-summary")).to_contain_text(
            "Start time must be a real time, like 14:30"
        )
        assert_accessible(page)
        page.get_by_label("Start time").fill("10:00")
        page.get_by_role("button", name="Book visit").click()
        success(page, f"Booked: filming visit on {first_day:%-d %B %Y} at 10:00")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Filming visit")
        expect(page.get_by_role("button", name="Record what happened")).to_have_count(0)

        # The visit has started: it went ahead.
        clock.move_to(local(first_day, 10, 5))
        page.reload()
        record_attended(page)

        # Recording the filming proposed the shared review about a week later, in a
        # free slot of the guider's diary: the guider confirms it with the family.
        proposal = programme.visits.get(kind=VisitKind.SHARED_REVIEW, state=VisitState.PROPOSED)
        review_at = timezone.localtime(proposal.starts_at)
        review_day = review_at.date()
        proposal_path = reverse("programmes:visit", args=[programme.reference, proposal.public_id])
        visit(page, f"{live_server.url}{proposal_path}")
        page.get_by_role("button", name="Change the visit").click()
        page.get_by_label("Yes, book it").check()
        page.get_by_role("button", name="Save changes").click()
        success(page, f"Visit changed: it is now on {review_at:%-d %B %Y}")
        review_url = page.url

        # A week passes; the guider signs in again.
        clock.move_to(review_at + datetime.timedelta(minutes=70))
        sign_in_as(page.context, live_server, alice)
        visit(page, review_url)
        record_attended(page)

        page.get_by_role("link", name="Record the shared review").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Shared review")
        assert_accessible(page)
        page.get_by_label("What did the parent notice?").fill("Robin looks at me when I sing")
        page.get_by_label("What strengths did you name together?").fill(
            "Waiting for Robin, a warm tone"
        )
        page.get_by_label("What new ideas did you come up with together?").fill(
            "Sing at nappy changes"
        )
        expect(page.get_by_label(f"Filming visit on {first_day:%-d %B %Y}")).to_be_checked()
        page.get_by_label(re.compile("Goal 1: I want to feel more confident")).fill("6")
        page.get_by_role("button", name="Save shared review").click()
        success(page, "Shared review recorded")
        expect(
            page.get_by_text(f"Clips and stills from the filming visit on {first_day:%-d %B %Y}")
        ).to_be_visible()
        expect(page.get_by_role("link", name="Start the shared review")).to_be_visible()

        # The session summary, emailed to Sam.
        page.get_by_role("link", name="Write the summary").click()
        assert_accessible(page)
        expect(page.get_by_label("What is going well")).to_have_value(
            "Waiting for Robin, a warm tone"
        )
        page.get_by_label("Points to work on").fill("Giving Robin time to start")
        page.get_by_label("What you agreed to do next").fill("Film at bath time")
        page.get_by_role("button", name="Save summary").click()
        success(page, "Summary saved")
        page.get_by_role("link", name="Send the summary to the family").click()
        assert_accessible(page)
        page.get_by_label("Email to sam.jones@family.invalid").check()
        page.get_by_role("button", name="Send summary").click()
        success(page, "Summary emailed to sam.jones@family.invalid")
        (summary_email,) = [m for m in mail.outbox if "session summary" in m.subject]
        assert summary_email.to == ["sam.jones@family.invalid"]
        assert "Film at bath time" in summary_email.body

        # Two more visits, agreed with the family.
        page.get_by_role("link", name=f"Back to {programme.reference}").click()
        page.get_by_role("link", name="Change the number of planned visits").click()
        expect(page.get_by_text("8 visits are planned, and 2 have happened")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("How many visits are planned now?").fill("10")
        page.get_by_label("Why is the number changing?").fill("Two more cycles at bath time")
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".nhsuk-error-summary")).to_contain_text(
            "Confirm that the family agreed to this change"
        )
        assert_accessible(page)
        page.get_by_label("The family agreed to this change").check()
        page.get_by_role("button", name="Save").click()
        success(page, "Planned visits changed from 8 to 10")

        # The ending, with an end rating, and the closing letter printed. The filming
        # visit has no summary of its own: the ending asks for it, or why there is none.
        page.get_by_role("link", name="End the programme").click()
        expect(page.get_by_role("heading", name="Visits with no summary")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("link", name=re.compile("^Skip it")).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Skip the summary")
        assert_accessible(page)
        page.get_by_label("Why is there no summary?").fill(
            "The shared review's summary covers this filming"
        )
        page.get_by_role("button", name="Skip the summary").click()
        success(page, f"No summary for the filming visit on {first_day:%-d %B %Y}")
        expect(page.get_by_role("heading", level=1)).to_contain_text("End the programme")
        assert_accessible(page)
        page.get_by_label("Programme completed").check()
        page.get_by_label("Ending summary").fill("Sam and Robin enjoy bath time together.")
        page.get_by_label(re.compile("End rating for goal 1")).fill("8")
        page.get_by_role("button", name="End programme").click()
        success(page, f"Programme ended on {review_day:%-d %B %Y}")
        letter = page.get_by_role("article", name="Letter to Sam Jones")
        expect(letter).to_contain_text("Sam and Robin enjoy bath time together.")
        expect(page.get_by_role("button", name="Print this letter")).to_be_visible()
        page.emulate_media(media="print")
        expect(page.locator(".nhsuk-header")).to_be_hidden()
        expect(page.get_by_role("button", name="Record it as printed")).to_be_hidden()
        expect(letter).to_be_visible()
        page.emulate_media(media="screen")
        page.get_by_role("button", name="Record it as printed").click()
        success(page, "Closing letter recorded as printed")

    programme = Programme.objects.get(pk=programme.pk)
    assert (programme.state, programme.planned_visits) == ("completed", 10)
    assert [(r.when, r.score) for r in GoalRating.objects.order_by("pk")] == [
        ("baseline", 3),
        ("review", 6),
        ("ending", 8),
    ]
    assert sorted(SummaryDelivery.objects.values_list("method", flat=True)) == ["email", "letter"]
