"""The visit pages: booking, changing, cancelling, outcomes, shared reviews,
summaries and sending them — who may reach them, what they refuse, what they record."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccreditationStage, Role
from consent.actions import withdraw_consent
from consent.models import Scope
from sessions import actions
from sessions.models import (
    Attendance,
    DeliveryMethod,
    GoalRating,
    RatingWhen,
    SharedReview,
    SummaryDelivery,
    Visit,
    VisitKind,
    VisitState,
)
from tests.factories import UserFactory
from tests.helpers import (
    assert_form_error,
    at,
    attended,
    give_consent,
    open_programme,
    past_visit,
    url,
    views,
    writes,
)
from tests.helpers import (
    text as page_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(programme, practitioner, goal):
    """A filming visit, then a shared review with ratings and a summary."""
    give_consent(programme, practitioner)
    filming = attended(programme, practitioner, kind=VisitKind.FILMING, days=-8)
    review = attended(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=-1)
    actions.record_shared_review(
        visit=review,
        parent_noticed="She looks at me when I sing",
        strengths="Warm tone",
        filming_visit=filming,
        scores={goal.pk: 6},
        by=practitioner,
    )
    actions.write_summary(
        visit=review,
        strengths="Your warm tone",
        points_to_work_on="Waiting for Robin to start",
        next_steps="Film at bath time",
        by=practitioner,
    )
    return review


def booking(day=None, **overrides):
    day = day or timezone.localdate() + timedelta(days=1)
    data = {
        "kind": VisitKind.FILMING,
        "visit_date_day": str(day.day),
        "visit_date_month": str(day.month),
        "visit_date_year": str(day.year),
        "start_time": "10:00",
        "duration_minutes": "60",
        "place": "home",
        "place_detail": "",
        "mechanism": "01",
        "state": VisitState.BOOKED,
        "notes": "",
    }
    data.update(overrides)
    return data


def visit_pages(programme, visit):
    pages = ["visit", "visit_change", "visit_cancel", "visit_outcome", "visit_review"]
    pages += ["visit_summary", "summary_send", "summary_letter"]
    return {name: url(name, programme, visit.public_id) for name in pages} | {
        "visit_book": url("visit_book", programme)
    }


# --- Who may reach the pages --------------------------------------------------------------


@pytest.mark.parametrize("who", ["practitioner", "team_lead"])
def test_every_visit_page_opens_for_the_guider_and_the_team_lead(
    request, staff_client, programme, reviewed, who
):
    client = staff_client(request.getfixturevalue(who))
    before = views(programme)
    for name, page in visit_pages(programme, reviewed).items():
        response = client.get(page)
        assert response.status_code == 200, name
        assert programme.reference in page_text(response), name
    assert views(programme) == before + len(visit_pages(programme, reviewed))


@pytest.mark.parametrize("who", ["outsider", "colleague"])
def test_people_who_are_not_the_guider_get_404_on_every_visit_page_get_and_post(
    request, staff_client, programme, reviewed, who
):
    client = staff_client(request.getfixturevalue(who))
    before = writes(programme), Visit.objects.count(), SummaryDelivery.objects.count()
    for name, page in visit_pages(programme, reviewed).items():
        assert client.get(page).status_code == 404, name
        assert client.post(page, booking() | {"method": "letter"}).status_code == 404, name
    assert (writes(programme), Visit.objects.count(), SummaryDelivery.objects.count()) == before


def test_signed_out_people_are_sent_to_sign_in(client, programme, reviewed):
    for name, page in visit_pages(programme, reviewed).items():
        response = client.get(page)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("accounts:login")), name


def test_a_visit_is_found_only_within_its_own_family(
    staff_client, team, team_lead, practitioner, programme
):
    other = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    theirs = past_visit(other, practitioner)
    client = staff_client(practitioner)
    assert client.get(url("visit", programme, theirs.public_id)).status_code == 404
    assert client.get(url("visit", other, theirs.public_id)).status_code == 200
    unknown = "00000000-0000-4000-8000-000000000000"
    assert client.get(url("visit", programme, unknown)).status_code == 404
    assert client.get("/staff/programmes/VIG-0000-0000/visits/book/").status_code == 404


def test_a_supervisor_sees_a_trainees_visit_but_changes_nothing(
    staff_client, team, team_lead, reviewed
):
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR)
    trainee = UserFactory(
        team=team, accreditation_stage=AccreditationStage.STAGE_1, supervisor=supervisor
    )
    programme = open_programme(team.service, team_lead=team_lead, practitioner=trainee)
    visit = attended(programme, trainee)
    client = staff_client(supervisor)
    response = client.get(url("visit", programme, visit.public_id))
    assert response.status_code == 200
    assert "Record what happened" not in page_text(response)
    assert client.get(url("visit_book", programme)).status_code == 403
    assert client.post(url("visit_book", programme), booking()).status_code == 403
    assert programme.visits.count() == 1


# --- Booking --------------------------------------------------------------------------------


def test_booking_a_filming_visit_at_home(staff_client, practitioner, programme):
    client = staff_client(practitioner)
    response = client.get(url("visit_book", programme))
    assert "Usually 60 to 90 minutes" in page_text(response)
    assert "For example, 14:30" in page_text(response)
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(
        url("visit_book", programme),
        booking(day, start_time="2:30pm", duration_minutes="90", notes="Bring the camera"),
        follow=True,
    )
    visit = programme.visits.get()
    assert response.redirect_chain[-1][0] == url("visit", programme, visit.public_id)
    local = timezone.localtime(visit.starts_at)
    assert (local.date(), local.time()) == (day, datetime.time(14, 30))
    assert (visit.kind, visit.state, visit.duration_minutes) == ("filming", "booked", 90)
    assert (visit.place, visit.location_code, visit.notes) == ("home", "A01", "Bring the camera")
    assert f"Booked: filming visit on {day:%-d %B %Y} at 14:30" in page_text(response)
    assert actions.AuditAction.VISIT_BOOKED in writes(programme)


@pytest.mark.parametrize(
    "typed, expected",
    [("9:30", (9, 30)), ("09:30", (9, 30)), ("2:30pm", (14, 30)), ("14.30", (14, 30))]
    + [("2pm", (14, 0)), ("12am", (0, 0)), ("12:15 p.m.", (12, 15)), ("930", (9, 30))],
)
def test_start_times_are_understood_as_people_type_them(
    staff_client, practitioner, programme, typed, expected
):
    staff_client(practitioner).post(url("visit_book", programme), booking(start_time=typed))
    local = timezone.localtime(programme.visits.get().starts_at)
    assert (local.hour, local.minute) == expected


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"kind": ""}, "Choose what kind of visit it is"),
        ({"kind": "party"}, "Choose what kind of visit it is"),
        (
            {"visit_date_day": "", "visit_date_month": "", "visit_date_year": ""},
            "Enter the date of the visit",
        ),
        (
            {"visit_date_day": "31", "visit_date_month": "2"},
            "Date of the visit must be a real date",
        ),
        ({"visit_date_month": ""}, "Date of the visit must include a month"),
        ({"visit_date_year": "99999999999"}, "Year must include 4 numbers"),
        ({"visit_date_day": "junk"}, "Date of the visit must be a real date"),
        ({"start_time": ""}, "Enter the start time"),
        ({"start_time": "25:00"}, "Start time must be a real time, like 14:30"),
        ({"start_time": "10:75"}, "Start time must be a real time, like 14:30"),
        ({"start_time": "13pm"}, "Start time must be a real time, like 14:30"),
        ({"start_time": "junk"}, "Start time must be a real time, like 14:30"),
        ({"start_time": "9" * 200}, "Start time must be a real time, like 14:30"),
        ({"duration_minutes": ""}, "Enter how long the visit will last, in minutes"),
        ({"duration_minutes": "an hour"}, "Length must be a whole number of minutes, like 60"),
        ({"duration_minutes": "10"}, "A visit must last at least 15 minutes"),
        (
            {"duration_minutes": "99999999999999999999"},
            "A visit must last 240 minutes (4 hours) or less",
        ),
        ({"place": ""}, "Choose where the visit will be"),
        ({"place": "other"}, "Enter the address where the visit will be"),
        (
            {"mechanism": "02"},
            "A filming visit can't be by telephone. Choose face to face or video call",
        ),
        ({"mechanism": ""}, "Choose how you will meet"),
        ({"state": "happened"}, "Choose whether the family has agreed this time"),
        ({"notes": "x" * 2001}, "Notes must be 2,000 characters or fewer"),
    ],
)
def test_booking_refuses_what_is_wrong_and_books_nothing(
    staff_client, practitioner, programme, changes, message
):
    before = writes(programme)
    response = staff_client(practitioner).post(url("visit_book", programme), booking(**changes))
    assert_form_error(response, message)
    assert not programme.visits.exists()
    assert writes(programme) == before


def test_booking_refuses_dates_before_the_referral_or_over_a_year_ahead(
    staff_client, practitioner, programme
):
    client = staff_client(practitioner)
    received = timezone.localdate(programme.referral.received_at)
    response = client.post(url("visit_book", programme), booking(received - timedelta(days=1)))
    assert_form_error(
        response,
        f"Date of the visit must be on or after {received:%-d %B %Y}, when the family was referred",
    )
    response = client.post(
        url("visit_book", programme), booking(timezone.localdate() + timedelta(days=400))
    )
    assert "Date of the visit must be before" in page_text(response)
    assert not programme.visits.exists()


def test_a_visit_can_be_recorded_after_it_happened(staff_client, practitioner, programme):
    """Visits are sometimes entered afterwards: a past date on or after the referral is fine."""
    today = timezone.localdate()
    response = staff_client(practitioner).post(
        url("visit_book", programme),
        booking(today, kind="first_meeting", start_time="00:15", duration_minutes="15"),
    )
    assert response.status_code == 302
    assert programme.visits.get().kind == "first_meeting"


def test_a_time_the_clocks_skip_is_refused(staff_client, practitioner, programme):
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        last_day = datetime.date(year, 3, 31)
        spring = last_day - timedelta(days=(last_day.weekday() + 1) % 7)
        if spring > today:
            break
    response = staff_client(practitioner).post(
        url("visit_book", programme), booking(spring, start_time="01:30")
    )
    assert_form_error(
        response,
        f"01:30 does not exist on {spring:%-d %B %Y} because the clocks go forward. "
        "Choose another time.",
    )


def test_double_booking_is_refused_naming_the_clash(
    staff_client, practitioner, team, team_lead, programme
):
    other = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    actions.book_visit(
        programme=other, kind=VisitKind.OTHER, starts_at=at(2, 10), place="clinic", by=practitioner
    )
    response = staff_client(practitioner).post(
        url("visit_book", programme), booking(at(2).date(), start_time="10:30")
    )
    assert_form_error(
        response,
        f"Alice Guider already has a visit from 10:00 to 11:00 on {at(2):%-d %B %Y}. "
        "Choose another time.",
    )
    assert not programme.visits.exists()


def test_filming_is_refused_after_consent_was_withdrawn_but_other_visits_go_ahead(
    staff_client, practitioner, programme
):
    give_consent(programme, practitioner)
    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.FILMING],
        by=practitioner,
    )
    client = staff_client(practitioner)
    response = client.post(url("visit_book", programme), booking())
    assert_form_error(
        response,
        "Consent to filming has been withdrawn, so no filming visit can be booked. "
        "Book another kind of visit instead.",
    )
    assert not programme.visits.exists()
    response = client.post(url("visit_book", programme), booking(kind=VisitKind.PRE_VIG))
    assert response.status_code == 302
    assert programme.visits.get().kind == VisitKind.PRE_VIG


def test_a_visit_can_be_proposed_and_later_confirmed(staff_client, practitioner, programme):
    client = staff_client(practitioner)
    client.post(url("visit_book", programme), booking(state=VisitState.PROPOSED, place="clinic"))
    visit = programme.visits.get()
    assert visit.state == VisitState.PROPOSED
    response = client.get(url("visit_change", programme, visit.public_id))
    assert 'value="10:00"' in response.content.decode()
    day = timezone.localdate() + timedelta(days=5)
    response = client.post(
        url("visit_change", programme, visit.public_id),
        booking(day, start_time="11:15", place="family_hub", place_detail="Northmoor Hub, Room 2"),
        follow=True,
    )
    visit.refresh_from_db()
    local = timezone.localtime(visit.starts_at)
    assert (local.date(), local.time(), visit.state) == (day, datetime.time(11, 15), "booked")
    assert (visit.place, visit.location_code) == ("family_hub", "K01")
    assert f"Visit changed: it is now on {day:%-d %B %Y} at 11:15" in page_text(response)


def test_changing_a_visit_onto_another_is_refused(staff_client, practitioner, programme):
    first = actions.book_visit(
        programme=programme, kind="other", starts_at=at(2, 10), place="home", by=practitioner
    )
    second = actions.book_visit(
        programme=programme, kind="other", starts_at=at(2, 14), place="home", by=practitioner
    )
    response = staff_client(practitioner).post(
        url("visit_change", programme, second.public_id),
        booking(at(2).date(), start_time="10:30", kind="other"),
    )
    assert "already has a visit from 10:00 to 11:00" in page_text(response)
    second.refresh_from_db()
    assert timezone.localtime(second.starts_at).hour == 14
    assert first.pk != second.pk


def test_a_visit_that_happened_cannot_be_changed(staff_client, practitioner, programme):
    visit = attended(programme, practitioner)
    client = staff_client(practitioner)
    response = client.get(url("visit_change", programme, visit.public_id))
    assert "This visit is over or cancelled, so it can't be changed." in page_text(response)
    assert "<form" not in response.content.decode().split('id="maincontent"')[1]
    response = client.post(url("visit_change", programme, visit.public_id), booking(kind="other"))
    assert_form_error(response, "This visit is over or cancelled and can't be changed.")


# --- Cancelling -------------------------------------------------------------------------------


def test_cancelling_records_who_and_why(staff_client, practitioner, programme):
    visit = actions.book_visit(
        programme=programme, kind="other", starts_at=at(3), place="home", by=practitioner
    )
    client = staff_client(practitioner)
    page = url("visit_cancel", programme, visit.public_id)
    assert_form_error(client.post(page, {}), "Choose who cancelled the visit")
    assert_form_error(
        client.post(page, {"cancelled_by": "family"}), "Enter why the visit was cancelled"
    )
    visit.refresh_from_db()
    assert visit.state == VisitState.BOOKED
    response = client.post(
        page, {"cancelled_by": "family", "reason": "Robin is poorly"}, follow=True
    )
    visit.refresh_from_db()
    assert (visit.state, visit.attendance) == (VisitState.CANCELLED, Attendance.CANCELLED_BY_FAMILY)
    assert "Robin is poorly" in visit.notes
    assert "Cancelled by the family" in page_text(response)
    again = client.get(page)
    assert "This visit is already cancelled." in page_text(again)


# --- Outcomes -------------------------------------------------------------------------------


def test_recording_an_outcome(staff_client, practitioner, programme):
    visit = past_visit(programme, practitioner)
    client = staff_client(practitioner)
    page = url("visit_outcome", programme, visit.public_id)
    response = client.get(page)
    for label in ("Attended", "Arrived late but was seen", "Did not attend (was not brought)"):
        assert label in page_text(response)
    assert_form_error(client.post(page, {}), "Choose what happened at the visit")
    assert_form_error(client.post(page, {"attendance": "2"}), "Choose what happened at the visit")
    response = client.post(page, {"attendance": "3", "notes": "No answer at the door"}, follow=True)
    visit.refresh_from_db()
    assert (visit.state, visit.attendance) == (VisitState.HAPPENED, Attendance.DID_NOT_ATTEND)
    assert visit.notes == "No answer at the door"
    assert "Was not brought" in page_text(response)
    assert "Outcome recorded: was not brought" in page_text(response)


def test_an_outcome_for_a_future_visit_is_refused(staff_client, practitioner, programme):
    visit = actions.book_visit(
        programme=programme, kind="other", starts_at=at(1), place="home", by=practitioner
    )
    client = staff_client(practitioner)
    page = url("visit_outcome", programme, visit.public_id)
    assert "You can record what happened once it has started." in page_text(client.get(page))
    assert_form_error(client.post(page, {"attendance": "5"}), "This visit hasn't happened yet.")
    visit.refresh_from_db()
    assert (visit.state, visit.attendance) == (VisitState.BOOKED, Attendance.NOT_YET)


def test_a_filming_visit_without_consent_cannot_be_recorded_as_attended(
    staff_client, practitioner, programme
):
    visit = past_visit(programme, practitioner, kind=VisitKind.FILMING)
    client = staff_client(practitioner)
    assert "No consent to filming" in page_text(
        client.get(url("visit", programme, visit.public_id))
    )
    response = client.post(url("visit_outcome", programme, visit.public_id), {"attendance": "5"})
    assert_form_error(
        response,
        "There is no consent to filming in force, so this can't be recorded as a filming visit. "
        "Record consent first, or change the visit to another kind.",
    )
    visit.refresh_from_db()
    assert visit.state == VisitState.BOOKED


# --- Shared reviews -------------------------------------------------------------------------


def review_data(goal, **changes):
    from sessions.forms.fields import rating_name

    data = {
        "parent_noticed": "She turns to me when I talk",
        "strengths": "Waiting, warm tone",
        "new_ideas": "Sing at nappy change",
        rating_name(goal): "7",
    }
    data.update(changes)
    return data


@pytest.fixture
def review_visit(programme, practitioner, goal):
    give_consent(programme, practitioner)
    filming = attended(programme, practitioner, kind=VisitKind.FILMING, days=-8)
    review = attended(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=-1)
    return filming, review


def test_recording_a_shared_review_with_clips_and_ratings(
    staff_client, practitioner, programme, goal, review_visit
):
    filming, review = review_visit
    client = staff_client(practitioner)
    page = url("visit_review", programme, review.public_id)
    form = client.get(page)
    assert f"Filming visit on {timezone.localdate(filming.starts_at):%-d %B %Y}" in page_text(form)
    assert goal.helping_question in page_text(form)
    response = client.post(
        page, review_data(goal, filming_visit=str(filming.public_id)), follow=True
    )
    shared = SharedReview.objects.get(visit=review)
    assert (shared.filming_visit, shared.parent_noticed) == (filming, "She turns to me when I talk")
    rating = GoalRating.objects.get(visit=review)
    assert (rating.goal, rating.score, rating.when) == (goal, 7, RatingWhen.REVIEW)
    text = page_text(response)
    assert (
        f"Clips and stills from the filming visit on "
        f"{timezone.localdate(filming.starts_at):%-d %B %Y}"
        in text
        and "are on the shared review player" in text
    )
    assert "Shared review recorded" in text


@pytest.mark.parametrize(
    "rating, message",
    [
        ("11", "Rating for goal 1 must be a whole number from 0 to 10"),
        ("-1", "Rating for goal 1 must be a whole number from 0 to 10"),
        ("seven", "Rating for goal 1 must be a whole number from 0 to 10"),
        ("99999999999999999999999", "Rating for goal 1 must be a whole number from 0 to 10"),
    ],
)
def test_a_shared_review_refuses_ratings_outside_0_to_10(
    staff_client, practitioner, programme, goal, review_visit, rating, message
):
    filming, review = review_visit
    from sessions.forms.fields import rating_name

    response = staff_client(practitioner).post(
        url("visit_review", programme, review.public_id),
        review_data(goal, filming_visit=str(filming.public_id), **{rating_name(goal): rating}),
    )
    assert_form_error(response, message)
    assert not SharedReview.objects.exists()
    assert not GoalRating.objects.exists()


def test_a_shared_review_needs_what_the_parent_noticed_and_strengths(
    staff_client, practitioner, programme, goal, review_visit
):
    filming, review = review_visit
    response = staff_client(practitioner).post(
        url("visit_review", programme, review.public_id),
        review_data(goal, parent_noticed=" ", strengths="", filming_visit="junk"),
    )
    assert_form_error(response, "Enter what the parent noticed")
    assert_form_error(response, "Enter the strengths named")
    assert_form_error(response, "Choose which filming visit's clips you watched")
    assert not SharedReview.objects.exists()


def test_a_shared_review_is_only_for_a_shared_review_visit_that_took_place(
    staff_client, practitioner, programme, goal, review_visit
):
    filming, review = review_visit
    client = staff_client(practitioner)
    response = client.get(url("visit_review", programme, filming.public_id))
    assert "A shared review is recorded on a shared-review visit." in page_text(response)
    response = client.post(url("visit_review", programme, filming.public_id), review_data(goal))
    assert_form_error(response, "A shared review is recorded on a shared-review visit.")
    assert not SharedReview.objects.exists()


def test_changing_a_shared_review_replaces_its_ratings(
    staff_client, practitioner, programme, goal, reviewed
):
    from sessions.forms.fields import rating_name

    client = staff_client(practitioner)
    page = url("visit_review", programme, reviewed.public_id)
    assert 'value="6"' in client.get(page).content.decode()
    client.post(page, review_data(goal, filming_visit="none", **{rating_name(goal): "8"}))
    assert [r.score for r in GoalRating.objects.filter(visit=reviewed)] == [8]
    assert SharedReview.objects.get(visit=reviewed).filming_visit is None
    response = client.get(url("visit", programme, reviewed.public_id))
    assert "No clips were reviewed at this visit." in page_text(response)


# --- Summaries ------------------------------------------------------------------------------


def test_writing_a_summary_starts_from_the_reviews_strengths(
    staff_client, practitioner, programme, goal, review_visit
):
    filming, review = review_visit
    actions.record_shared_review(
        visit=review, parent_noticed="x", strengths="Warm tone", by=practitioner
    )
    client = staff_client(practitioner)
    page = url("visit_summary", programme, review.public_id)
    assert "Warm tone</textarea>" in client.get(page).content.decode()
    response = client.post(page, {"strengths": "Warm tone"})
    assert_form_error(response, "Enter the points to work on")
    assert_form_error(response, "Enter what you agreed to do next")
    response = client.post(
        page,
        {"strengths": "Warm tone", "points_to_work_on": "Waiting", "next_steps": "Bath time"},
        follow=True,
    )
    assert review.summary.next_steps == "Bath time"
    assert "Send the summary to the family" in page_text(response)


def test_a_summary_waits_until_the_visit_took_place(staff_client, practitioner, programme):
    visit = past_visit(programme, practitioner, attendance=Attendance.DID_NOT_ATTEND)
    client = staff_client(practitioner)
    page = url("visit_summary", programme, visit.public_id)
    assert "Record that the visit took place before writing its summary." in page_text(
        client.get(page)
    )
    response = client.post(page, {"strengths": "a", "points_to_work_on": "b", "next_steps": "c"})
    assert_form_error(response, "Record that the visit took place first.")


def test_sending_the_summary_by_email(
    staff_client, practitioner, programme, reviewed, mailoutbox, django_capture_on_commit_callbacks
):
    client = staff_client(practitioner)
    page = url("summary_send", programme, reviewed.public_id)
    assert "Email to sam.jones@family.invalid" in page_text(client.get(page))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"method": "email"}, follow=True)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["sam.jones@family.invalid"]
    assert "Film at bath time" in mailoutbox[0].body
    delivery = SummaryDelivery.objects.get()
    assert (delivery.method, delivery.sent_to, delivery.sent_by) == (
        "email",
        "sam.jones@family.invalid",
        practitioner,
    )
    assert "Summary emailed to sam.jones@family.invalid" in page_text(response)
    assert "Email to sam.jones@family.invalid" in page_text(response)


def test_a_double_click_on_send_sends_one_email(
    staff_client, practitioner, programme, reviewed, mailoutbox, django_capture_on_commit_callbacks
):
    client = staff_client(practitioner)
    page = url("summary_send", programme, reviewed.public_id)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page, {"method": "email"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"method": "email"}, follow=True)
    assert len(mailoutbox) == 1
    assert SummaryDelivery.objects.count() == 1
    assert "It was not sent again" in page_text(response)
    # A minute later it is a deliberate resend, and goes.
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(page, {"method": "email"})
    assert len(mailoutbox) == 2


def test_without_an_email_address_the_summary_goes_as_a_letter(
    staff_client, team, team_lead, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, email=""
    )
    visit = attended(programme, practitioner)
    actions.write_summary(
        visit=visit,
        strengths="Calm",
        points_to_work_on="Pauses",
        next_steps="More",
        by=practitioner,
    )
    client = staff_client(practitioner)
    page = url("summary_send", programme, visit.public_id)
    response = client.get(page)
    html = response.content.decode()
    assert "There is no email address for Sam Jones" in page_text(response)
    assert 'value="email" disabled>' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"method": "email"})
    assert_form_error(response, "The family has no email address. Print a letter instead.")
    assert not SummaryDelivery.objects.exists()
    response = client.post(page, {"method": "letter"})
    assert response.url == url("summary_letter", programme, visit.public_id)
    assert SummaryDelivery.objects.get().method == DeliveryMethod.LETTER
    assert mailoutbox == []


def test_sending_needs_a_summary(staff_client, practitioner, programme):
    visit = attended(programme, practitioner)
    client = staff_client(practitioner)
    page = url("summary_send", programme, visit.public_id)
    assert "Write the summary before sending it." in page_text(client.get(page))
    assert_form_error(
        client.post(page, {"method": "letter"}), "Write the summary before sending it."
    )
    assert not SummaryDelivery.objects.exists()


def test_the_summary_letter_says_what_the_email_says(
    staff_client, practitioner, programme, reviewed, mailoutbox, django_capture_on_commit_callbacks
):
    actions.write_summary(
        visit=reviewed,
        strengths="Robin's smile <b>lights up</b> when you wait",
        points_to_work_on="Waiting",
        next_steps="Film at bath time",
        by=practitioner,
    )
    client = staff_client(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("summary_send", programme, reviewed.public_id), {"method": "email"})
    response = client.get(url("summary_letter", programme, reviewed.public_id))
    html = response.content.decode()
    assert "&lt;b&gt;lights up&lt;/b&gt;" in html
    letter = page_text(response)
    for line in mailoutbox[0].body.strip().splitlines():
        if line.strip():
            assert " ".join(line.split()) in letter, line


# --- The visit page -------------------------------------------------------------------------


def test_the_visit_page_shows_details_review_summary_and_sending_history(
    staff_client, practitioner, programme, reviewed, goal
):
    actions.send_summary(summary=reviewed.summary, method="letter", by=practitioner)
    response = staff_client(practitioner).get(url("visit", programme, reviewed.public_id))
    text = page_text(response)
    for expected in (
        "Shared review visit",
        "Family's home",
        "Face to face",
        "Attended",
        "She looks at me when I sing",
        "Feel closer to my baby 6",
        "Your warm tone",
        "Printed letter",
        "Alice Guider",
    ):
        assert expected in text, expected


def _visit_page_queries(client, programme, visit):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("visit", programme, visit.public_id)).status_code == 200
    return len(queries)


def test_the_visit_page_makes_as_many_queries_for_20_ratings_and_sendings_as_for_2(
    staff_client, practitioner, programme, reviewed, goal
):
    second = actions.add_goal(
        programme=programme, text="Enjoy play", helping_question="What helps?", by=practitioner
    )
    client = staff_client(practitioner)
    actions.send_summary(summary=reviewed.summary, method="letter", by=practitioner)
    actions.rate_goals(
        programme=programme, scores={second.pk: 3}, when="review", visit=reviewed, by=practitioner
    )
    few = _visit_page_queries(client, programme, reviewed)
    for _ in range(9):
        actions.rate_goals(
            programme=programme,
            scores={goal.pk: 5, second.pk: 4},
            when="review",
            visit=reviewed,
            by=practitioner,
        )
    for _ in range(19):
        actions.send_summary(summary=reviewed.summary, method="letter", by=practitioner)
    assert GoalRating.objects.filter(visit=reviewed).count() == 20
    assert reviewed.summary.deliveries.count() == 20
    many = _visit_page_queries(client, programme, reviewed)
    assert few == many
    assert many <= 14


def test_after_filming_the_shared_review_is_one_click_away(
    staff_client, practitioner, programme, review_visit
):
    filming, _ = review_visit
    client = staff_client(practitioner)
    page = client.get(url("visit", programme, filming.public_id)).content.decode()
    link = url("visit_book", programme) + "?kind=shared_review"
    assert f'href="{link}">Book the shared review of this film</a>' in page
    form = client.get(link).content.decode()
    assert 'value="shared_review" checked' in form
