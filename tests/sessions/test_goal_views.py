"""The goal pages: adding a goal with its helping question and baseline, revising it,
marking it achieved, and Goal Based Outcomes ratings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions import actions
from sessions.forms.fields import rating_name
from sessions.models import Goal, GoalRating, GoalStatus, RatingWhen
from tests.helpers import assert_form_error, open_programme, url, views, writes
from tests.helpers import text as page_text

pytestmark = pytest.mark.django_db


def goal_pages(programme, goal):
    return {
        "goal_add": url("goal_add", programme),
        "goal_revise": url("goal_revise", programme, goal.public_id),
        "goal_achieved": url("goal_achieved", programme, goal.public_id),
        "ratings": url("ratings", programme),
    }


def ratings_data(goals, when="review", day=None, **scores):
    day = day or timezone.localdate()
    data = {
        "when": when,
        "rated_on_day": str(day.day),
        "rated_on_month": str(day.month),
        "rated_on_year": str(day.year),
    }
    for goal, score in zip(goals, scores.get("scores", ["5"] * len(goals)), strict=False):
        data[rating_name(goal)] = score
    return data


# --- Who may reach the pages --------------------------------------------------------------


@pytest.mark.parametrize("who", ["practitioner", "team_lead"])
def test_every_goal_page_opens_for_the_guider_and_the_team_lead(
    request, staff_client, programme, goal, who
):
    client = staff_client(request.getfixturevalue(who))
    before = views(programme)
    for name, page in goal_pages(programme, goal).items():
        response = client.get(page)
        assert response.status_code == 200, name
        assert "Sam Jones" in page_text(response), name
    assert views(programme) == before + 4


@pytest.mark.parametrize("who", ["outsider", "colleague"])
def test_people_who_are_not_the_guider_get_404_on_every_goal_page_get_and_post(
    request, staff_client, programme, goal, who
):
    client = staff_client(request.getfixturevalue(who))
    before = writes(programme)
    data = {"text": "Theirs", "helping_question": "?"} | ratings_data([goal])
    for name, page in goal_pages(programme, goal).items():
        assert client.get(page).status_code == 404, name
        assert client.post(page, data).status_code == 404, name
    assert writes(programme) == before
    goal.refresh_from_db()
    assert (goal.status, goal.ratings.count(), Goal.objects.count()) == ("active", 0, 1)


def test_signed_out_people_are_sent_to_sign_in(client, programme, goal):
    for name, page in goal_pages(programme, goal).items():
        response = client.get(page)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("accounts:login")), name


def test_a_goal_is_found_only_within_its_own_family(
    staff_client, team, team_lead, practitioner, programme
):
    other = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    theirs = actions.add_goal(programme=other, text="Theirs", helping_question="?", by=practitioner)
    client = staff_client(practitioner)
    assert client.get(url("goal_revise", programme, theirs.public_id)).status_code == 404
    assert client.post(url("goal_achieved", programme, theirs.public_id)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == GoalStatus.ACTIVE


# --- Adding -----------------------------------------------------------------------------------


def test_adding_a_goal_with_its_helping_question_and_baseline(
    staff_client, practitioner, programme
):
    response = staff_client(practitioner).post(
        url("goal_add", programme),
        {
            "text": "I want to feel more confident with my baby",
            "helping_question": "What am I doing that helps Robin feel safe?",
            "baseline": "3",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("programmes:case", args=[programme.reference])
    goal = programme.goals.get()
    assert (goal.text, goal.helping_question) == (
        "I want to feel more confident with my baby",
        "What am I doing that helps Robin feel safe?",
    )
    rating = goal.ratings.get()
    assert (rating.score, rating.when, rating.recorded_by) == (3, RatingWhen.BASELINE, practitioner)
    assert "Goal added" in page_text(response)
    assert actions.AuditAction.GOAL_ADDED in writes(programme)
    assert actions.AuditAction.GOALS_RATED in writes(programme)


def test_a_goal_can_be_added_and_rated_later(staff_client, practitioner, programme):
    staff_client(practitioner).post(
        url("goal_add", programme), {"text": "Enjoy play", "helping_question": "What helps?"}
    )
    assert programme.goals.get().ratings.count() == 0


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"text": ""}, "Enter the goal, in the parent's words"),
        ({"text": "   "}, "Enter the goal, in the parent's words"),
        ({"helping_question": ""}, "Enter the helping question"),
        ({"text": "x" * 501}, "Goal must be 500 characters or fewer"),
        ({"helping_question": "x" * 501}, "Helping question must be 500 characters or fewer"),
        ({"baseline": "11"}, "Rating for the baseline must be a whole number from 0 to 10"),
        ({"baseline": "three"}, "Rating for the baseline must be a whole number from 0 to 10"),
        ({"baseline": "1" * 30}, "Rating for the baseline must be a whole number from 0 to 10"),
    ],
)
def test_adding_a_goal_refuses_what_is_wrong_and_adds_nothing(
    staff_client, practitioner, programme, changes, message
):
    data = {"text": "Feel closer", "helping_question": "What helps?", "baseline": "2"} | changes
    response = staff_client(practitioner).post(url("goal_add", programme), data)
    assert_form_error(response, message)
    assert not Goal.objects.exists()
    assert not GoalRating.objects.exists()


def test_a_fourth_goal_is_refused(staff_client, practitioner, programme):
    for n in range(3):
        actions.add_goal(
            programme=programme, text=f"Goal {n}", helping_question="?", by=practitioner
        )
    client = staff_client(practitioner)
    assert "already working on 3 goals" in page_text(client.get(url("goal_add", programme)))
    response = client.post(
        url("goal_add", programme), {"text": "Four", "helping_question": "?", "baseline": "4"}
    )
    assert_form_error(
        response,
        "A family works on up to 3 goals at a time. Mark one achieved or revise it instead.",
    )
    assert programme.goals.count() == 3
    assert not GoalRating.objects.exists()


# --- Revising and achieving -------------------------------------------------------------------


def test_revising_a_goal_keeps_the_old_wording(staff_client, practitioner, programme, goal):
    client = staff_client(practitioner)
    page = url("goal_revise", programme, goal.public_id)
    assert "Feel closer to my baby</textarea>" in client.get(page).content.decode()
    response = client.post(
        page,
        {"text": "Feel close to Robin at bath time", "helping_question": goal.helping_question},
        follow=True,
    )
    goal.refresh_from_db()
    assert goal.status == GoalStatus.REVISED
    assert goal.revised_to.text == "Feel close to Robin at bath time"
    assert "Goal revised" in page_text(response)
    again = client.get(page)
    assert "This goal was revised. Work with its new wording instead." in page_text(again)


def test_revising_needs_a_change_and_both_answers(staff_client, practitioner, programme, goal):
    client = staff_client(practitioner)
    page = url("goal_revise", programme, goal.public_id)
    response = client.post(page, {"text": goal.text, "helping_question": goal.helping_question})
    assert_form_error(response, "Change the goal or its helping question to revise it")
    assert_form_error(client.post(page, {"text": "New"}), "Enter the helping question")
    assert programme.goals.count() == 1


def test_marking_a_goal_achieved_asks_first(staff_client, practitioner, programme, goal):
    client = staff_client(practitioner)
    page = url("goal_achieved", programme, goal.public_id)
    response = client.get(page)
    assert "Mark the goal achieved" in page_text(response)
    assert goal.text in page_text(response)
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACTIVE
    response = client.post(page, follow=True)
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED
    assert "Goal marked achieved: Feel closer to my baby" in page_text(response)
    assert "This goal has been achieved." in page_text(client.get(page))


def test_a_revised_goal_cannot_be_marked_achieved(staff_client, practitioner, programme, goal):
    actions.revise_goal(goal=goal, text="New words", helping_question="?", by=practitioner)
    response = staff_client(practitioner).post(url("goal_achieved", programme, goal.public_id))
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert "This goal was revised; mark the new wording achieved instead." in page_text(response)


# --- Ratings ---------------------------------------------------------------------------------


def test_rating_each_goal(staff_client, practitioner, programme, goal):
    second = actions.add_goal(
        programme=programme, text="Enjoy play", helping_question="What helps?", by=practitioner
    )
    today = timezone.localdate()
    client = staff_client(practitioner)
    form = page_text(client.get(url("ratings", programme)))
    assert "Goal 1: Feel closer to my baby" in form and "Goal 2: Enjoy play" in form
    response = client.post(
        url("ratings", programme),
        ratings_data([goal, second], "baseline", today, scores=["2", "0"]),
        follow=True,
    )
    assert {(r.goal, r.score, r.when, r.rated_on) for r in GoalRating.objects.all()} == {
        (goal, 2, "baseline", today),
        (second, 0, "baseline", today),
    }
    assert "Ratings saved" in page_text(response)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"scores": ["11"]}, "Rating for goal 1 must be a whole number from 0 to 10"),
        ({"scores": [""]}, "Enter a rating from 0 to 10 for goal 1"),
        ({"scores": ["5.5"]}, "Rating for goal 1 must be a whole number from 0 to 10"),
        ({"when": ""}, "Choose when this rating is"),
        (
            {"day": timezone.localdate() + timedelta(days=1)},
            "Date of the ratings must be today or in the past",
        ),
        ({"rated_on_day": "31", "rated_on_month": "2"}, "Date of the ratings must be a real date"),
        (
            {"rated_on_day": "", "rated_on_month": "", "rated_on_year": ""},
            "Enter the date of the ratings",
        ),
    ],
)
def test_ratings_refuse_what_is_wrong_and_save_nothing(
    staff_client, practitioner, programme, goal, data, message
):
    data = dict(data)
    form = ratings_data(
        [goal], data.pop("when", "review"), data.pop("day", None), scores=data.pop("scores", ["5"])
    )
    form.update(data)
    response = staff_client(practitioner).post(url("ratings", programme), form)
    assert_form_error(response, message)
    assert not GoalRating.objects.exists()


def test_ratings_before_the_programme_started_are_refused(
    staff_client, practitioner, programme, goal
):
    opened = timezone.localdate(programme.opened_at)
    response = staff_client(practitioner).post(
        url("ratings", programme), ratings_data([goal], day=opened - timedelta(days=1))
    )
    assert_form_error(
        response,
        f"Date of the ratings must be on or after {opened:%-d %B %Y}, when the programme started",
    )


def test_with_no_goals_the_ratings_page_asks_for_one_first(staff_client, practitioner, programme):
    response = staff_client(practitioner).get(url("ratings", programme))
    assert "Add a goal with the family before rating it." in page_text(response)
