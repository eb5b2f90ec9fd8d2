"""The programme's course: starting, pausing, changing the number of visits,
ending, and the closing letter."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccreditationStage, Role
from sessions import actions
from sessions.forms.fields import rating_name
from sessions.models import (
    EndReason,
    GoalRating,
    PlannedVisitsChange,
    ProgrammeState,
    RatingWhen,
    StateChange,
    SummaryDelivery,
)
from tests.factories import UserFactory
from tests.helpers import assert_form_error, attended, open_programme, url, views, writes
from tests.helpers import text as page_text

pytestmark = pytest.mark.django_db


def ended(programme, by, summary="Sam and Robin enjoy bath time together now."):
    return actions.end_programme(
        programme=programme,
        reason=EndReason.COMPLETED,
        ended_on=timezone.localdate(),
        ending_summary=summary,
        by=by,
    )


def ending_data(day=None, **changes):
    day = day or timezone.localdate()
    data = {
        "reason": EndReason.COMPLETED,
        "reason_detail": "",
        "ended_on_day": str(day.day),
        "ended_on_month": str(day.month),
        "ended_on_year": str(day.year),
        "ending_summary": "Sam feels confident with Robin.",
    }
    data.update(changes)
    return data


def case_url(programme):
    return reverse("programmes:case", args=[programme.reference])


def open_pages(programme):
    return {name: url(name, programme) for name in ("state", "planned_visits", "end")}


# --- Who may reach the pages --------------------------------------------------------------


@pytest.mark.parametrize("who", ["practitioner", "team_lead"])
def test_every_ending_page_opens_for_the_guider_and_the_team_lead(
    request, staff_client, team, team_lead, practitioner, who
):
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    closed = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    ended(closed, practitioner)
    client = staff_client(request.getfixturevalue(who))
    before = views(programme)
    for name, page in open_pages(programme).items():
        response = client.get(page)
        assert response.status_code == 200, name
        assert "Sam Jones" in page_text(response), name
    assert views(programme) == before + 3
    response = client.get(url("closing_letter", closed))
    assert response.status_code == 200
    assert "Sam and Robin enjoy bath time together now." in page_text(response)


@pytest.mark.parametrize("who", ["outsider", "colleague"])
def test_people_who_are_not_the_guider_get_404_on_every_ending_page_get_and_post(
    request, staff_client, team, team_lead, practitioner, who
):
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    closed = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    ended(closed, practitioner)
    client = staff_client(request.getfixturevalue(who))
    before = writes(programme), writes(closed)
    data = ending_data() | {"state": "paused", "note": "x", "new_number": "10", "method": "letter"}
    data |= {"reason": "x", "agreed_with_family": "on"}
    pages = [*open_pages(programme).values(), url("closing_letter", closed)]
    for page in pages:
        assert client.get(page).status_code == 404, page
        assert client.post(page, data).status_code == 404, page
    assert (writes(programme), writes(closed)) == before
    programme.refresh_from_db()
    assert (programme.state, programme.planned_visits) == (ProgrammeState.PRE_VIG, 8)
    assert not SummaryDelivery.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client, programme):
    for page in [*open_pages(programme).values(), url("closing_letter", programme)]:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url.startswith(reverse("accounts:login")), page


def test_a_supervisor_reads_the_closing_letter_but_does_not_send_it(staff_client, team, team_lead):
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR)
    trainee = UserFactory(
        team=team, accreditation_stage=AccreditationStage.STAGE_1, supervisor=supervisor
    )
    programme = open_programme(team.service, team_lead=team_lead, practitioner=trainee)
    ended(programme, trainee)
    client = staff_client(supervisor)
    response = client.get(url("closing_letter", programme))
    assert response.status_code == 200
    assert "Record it as printed" not in page_text(response)
    assert client.post(url("closing_letter", programme), {"method": "letter"}).status_code == 403
    assert client.get(url("end", programme)).status_code == 403
    assert not SummaryDelivery.objects.exists()


# --- Starting, pausing, resuming ------------------------------------------------------------


def test_starting_the_vig_cycles_then_pausing_with_a_reason(staff_client, practitioner, programme):
    client = staff_client(practitioner)
    form = page_text(client.get(url("state", programme)))
    assert "Start the VIG cycles" in form and "Pause the programme" in form
    response = client.post(
        url("state", programme), {"state": "active", "note": "First film went well"}, follow=True
    )
    assert response.redirect_chain[-1][0] == case_url(programme)
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.ACTIVE
    assert StateChange.objects.filter(programme=programme).last().note == "First film went well"
    assert "The programme is now Active" in page_text(response)

    response = client.post(url("state", programme), {"state": "paused", "note": " "})
    assert_form_error(response, "Enter why the programme is paused")
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.ACTIVE
    client.post(url("state", programme), {"state": "paused", "note": "Family on holiday"})
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.PAUSED
    assert "Resume the VIG cycles" in page_text(client.get(url("state", programme)))


@pytest.mark.parametrize("state", ["", "completed", "ended_early", "pre_vig", "junk"])
def test_only_the_moves_the_programme_allows_are_offered(
    staff_client, practitioner, programme, state
):
    response = staff_client(practitioner).post(url("state", programme), {"state": state})
    assert_form_error(response, "Choose what you want to do")
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.PRE_VIG


def test_an_ended_programme_sends_people_back_to_the_case_page(
    staff_client, practitioner, programme
):
    ended(programme, practitioner)
    client = staff_client(practitioner)
    for name, page in open_pages(programme).items():
        response = client.get(page, follow=True)
        assert response.redirect_chain[-1][0] == case_url(programme), name
        assert "This programme has ended. Nothing more can be added to it." in page_text(response)
    before = writes(programme)
    client.post(url("state", programme), {"state": "active"})
    client.post(url("visit_book", programme), {})
    assert writes(programme) == before


# --- Planned visits -------------------------------------------------------------------------


def test_extending_the_programme_with_the_familys_agreement(staff_client, practitioner, programme):
    client = staff_client(practitioner)
    assert "8 visits are planned, and 0 have happened" in page_text(
        client.get(url("planned_visits", programme))
    )
    response = client.post(
        url("planned_visits", programme),
        {"new_number": "10", "reason": "Two more cycles to practise", "agreed_with_family": "on"},
        follow=True,
    )
    programme.refresh_from_db()
    assert programme.planned_visits == 10
    change = PlannedVisitsChange.objects.get()
    assert (change.old_number, change.new_number, change.reason) == (
        8,
        10,
        "Two more cycles to practise",
    )
    assert "Planned visits changed from 8 to 10" in page_text(response)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"agreed_with_family": ""}, "Confirm that the family agreed to this change"),
        ({"reason": ""}, "Enter why the number of visits is changing"),
        ({"new_number": ""}, "Enter the number of planned visits"),
        ({"new_number": "ten"}, "Planned visits must be a whole number, like 10"),
        ({"new_number": "0"}, "Planned visits must be between 1 and 40"),
        ({"new_number": "41"}, "Planned visits must be between 1 and 40"),
        ({"new_number": "999999999999999999999"}, "Planned visits must be between 1 and 40"),
        (
            {"new_number": "8"},
            "The programme already has 8 planned visits. Enter a different number",
        ),
    ],
)
def test_changing_the_number_of_visits_refuses_what_is_wrong(
    staff_client, practitioner, programme, changes, message
):
    data = {"new_number": "10", "reason": "More time", "agreed_with_family": "on"} | changes
    if not data["agreed_with_family"]:
        del data["agreed_with_family"]
    response = staff_client(practitioner).post(url("planned_visits", programme), data)
    assert_form_error(response, message)
    programme.refresh_from_db()
    assert programme.planned_visits == 8
    assert not PlannedVisitsChange.objects.exists()


def test_fewer_visits_than_have_happened_is_refused(staff_client, practitioner, programme):
    attended(programme, practitioner, days=-2)
    attended(programme, practitioner, days=-1)
    response = staff_client(practitioner).post(
        url("planned_visits", programme),
        {"new_number": "1", "reason": "Fewer", "agreed_with_family": "on"},
    )
    assert_form_error(response, "2 visits have already happened; plan at least 2.")


# --- Ending ----------------------------------------------------------------------------------


def test_ending_the_programme_with_end_ratings(staff_client, practitioner, programme, goal):
    achieved = actions.add_goal(
        programme=programme, text="Enjoy play", helping_question="What helps?", by=practitioner
    )
    actions.mark_goal_achieved(goal=achieved, by=practitioner)
    client = staff_client(practitioner)
    form = page_text(client.get(url("end", programme)))
    assert "End rating for goal 1: Feel closer to my baby" in form
    assert "End rating for goal 2: Enjoy play" in form
    response = client.post(
        url("end", programme),
        ending_data(**{rating_name(goal): "8", rating_name(achieved): "10"}),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("closing_letter", programme)
    programme.refresh_from_db()
    assert (programme.state, programme.end_reason) == (ProgrammeState.COMPLETED, "completed")
    assert programme.ended_on == programme.referral.discharge_date == timezone.localdate()
    assert {(r.goal, r.score) for r in GoalRating.objects.filter(when=RatingWhen.ENDING)} == {
        (goal, 8),
        (achieved, 10),
    }
    text = page_text(response)
    assert f"Programme ended on {timezone.localdate():%-d %B %Y}" in text
    assert "Sam feels confident with Robin." in text


def test_ending_early_needs_a_reason_for_other(staff_client, practitioner, programme):
    client = staff_client(practitioner)
    response = client.post(url("end", programme), ending_data(reason="other"))
    assert_form_error(response, "Enter why the programme is ending")
    client.post(
        url("end", programme), ending_data(reason="other", reason_detail="Baby in hospital")
    )
    programme.refresh_from_db()
    assert (programme.state, programme.end_reason_detail) == (
        ProgrammeState.ENDED_EARLY,
        "Baby in hospital",
    )


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"reason": ""}, "Choose why the programme is ending"),
        ({"ending_summary": ""}, "Enter an ending summary"),
        ({"ended_on_day": "31", "ended_on_month": "2"}, "End date must be a real date"),
        ({"ended_on_day": "", "ended_on_month": "", "ended_on_year": ""}, "Enter the end date"),
        ({"ended_on_year": "26"}, "Year must include 4 numbers"),
        ({"goal": "11"}, "Rating for goal 1 must be a whole number from 0 to 10"),
    ],
)
def test_ending_refuses_what_is_wrong_and_changes_nothing(
    staff_client, practitioner, programme, goal, changes, message
):
    if "goal" in changes:
        changes = {rating_name(goal): changes.pop("goal")}
    response = staff_client(practitioner).post(url("end", programme), ending_data(**changes))
    assert_form_error(response, message)
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.PRE_VIG
    assert not GoalRating.objects.exists()


def test_the_end_date_is_not_in_the_future_nor_before_the_programme(
    staff_client, practitioner, programme
):
    client = staff_client(practitioner)
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert_form_error(
        client.post(url("end", programme), ending_data(tomorrow)),
        "End date must be today or in the past",
    )
    opened = timezone.localdate(programme.opened_at)
    assert_form_error(
        client.post(url("end", programme), ending_data(opened - timedelta(days=1))),
        f"End date must be on or after {opened:%-d %B %Y}, when the programme started",
    )
    programme.refresh_from_db()
    assert not programme.is_closed


# --- The closing letter ----------------------------------------------------------------------


def test_the_closing_letter_waits_for_the_ending(staff_client, practitioner, programme):
    client = staff_client(practitioner)
    response = client.get(url("closing_letter", programme))
    assert "The closing letter is written when the programme ends." in page_text(response)
    assert_form_error(
        client.post(url("closing_letter", programme), {"method": "letter"}),
        "End the programme before sending the closing letter.",
    )
    assert not SummaryDelivery.objects.exists()


def test_emailing_the_closing_letter_once_however_often_it_is_clicked(
    staff_client, practitioner, programme, mailoutbox, django_capture_on_commit_callbacks
):
    ended(programme, practitioner, summary="You & Robin <3 bath time.")
    client = staff_client(practitioner)
    page = url("closing_letter", programme)
    letter = client.get(page)
    assert "You &amp; Robin &lt;3 bath time." in letter.content.decode()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(page, {"method": "email"}, follow=True)
    assert len(mailoutbox) == 1
    assert "You & Robin <3 bath time." in mailoutbox[0].body
    assert SummaryDelivery.objects.get().method == "email"
    assert response.redirect_chain[-1][0] == case_url(programme)
    assert "It was not sent again" in page_text(response)
    text = page_text(client.get(page))
    for line in mailoutbox[0].body.strip().splitlines():
        if line.strip():
            assert " ".join(line.split()) in text, line


def test_recording_the_closing_letter_as_printed(staff_client, practitioner, programme, mailoutbox):
    ended(programme, practitioner)
    client = staff_client(practitioner)
    response = client.post(url("closing_letter", programme), {"method": "letter"}, follow=True)
    assert "Closing letter recorded as printed" in page_text(response)
    delivery = SummaryDelivery.objects.get()
    assert (delivery.method, delivery.summary, delivery.sent_by) == ("letter", None, practitioner)
    assert "Printed letter" in page_text(client.get(url("closing_letter", programme)))
    assert mailoutbox == []
    assert_form_error(
        client.post(url("closing_letter", programme), {"method": "fax"}),
        "Choose to email the letter or record it as printed",
    )


def test_without_an_email_address_the_closing_letter_is_printed(
    staff_client, team, team_lead, practitioner
):
    programme = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, email=""
    )
    ended(programme, practitioner)
    client = staff_client(practitioner)
    response = client.get(url("closing_letter", programme))
    assert "There is no email address for Sam Jones" in page_text(response)
    assert 'value="email" data-module="nhsuk-button" data-prevent-double-click="true" disabled' in (
        response.content.decode()
    )
    assert_form_error(
        client.post(url("closing_letter", programme), {"method": "email"}),
        "The family has no email address. Print the letter instead.",
    )
    assert not SummaryDelivery.objects.exists()
