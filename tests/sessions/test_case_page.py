"""The case page: the family at a glance, what they agreed to, goals with a chart and
its table, visits, things to do, and one timeline of everything, newest first."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consent.models import Scope
from referrals import actions as referral_actions
from referrals.models import Route
from sessions import actions
from sessions.models import Attendance, EndReason, RatingWhen, VisitKind
from tests.factories import UserFactory
from tests.helpers import (
    book,
    busy_family,
    consent_form,
    give_consent,
    happened,
    open_programme,
    withdraw_filming,
)

pytestmark = pytest.mark.django_db

# Session, user, second factor, the programme and each prefetched list, and the
# audit event, and the open flags (scheduling): the same however many visits,
# goals and ratings there are.
CASE_PAGE_BUDGET = 23


def case_url(programme):
    return reverse("programmes:case", args=[programme.reference])


def page(client, programme):
    response = client.get(case_url(programme))
    assert response.status_code == 200
    return response, response.content.decode()


def text(html):
    """The page's words, without tags, with spaces squeezed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_header_shows_family_guider_stage_visits_and_next_visit(
    staff_client, programme, practitioner
):
    give_consent(programme, practitioner)
    happened(programme, practitioner, kind=VisitKind.FIRST_MEETING, days=-7)
    happened(programme, practitioner, kind=VisitKind.FILMING, days=-3)
    book(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=2, hour=14)
    _, html = page(staff_client(practitioner), programme)
    words = text(html)
    assert "Robin Jones" in words
    assert "Sam Jones (mother)" in words
    assert programme.reference in words
    assert "Guider Alice Guider" in words
    assert "VIG supervisor None (accredited guider)" in words
    assert "Stage Active" in words  # the first filming visit started the cycles
    assert "Visits used 2 of 8 planned" in words
    assert "Film and review cycle Cycle 1: filmed, review to come" in words
    assert re.search(r"Next visit \w+day \d+ \w+ \d{4}, 14:00", words)


def test_consent_panel_shows_what_is_allowed_now_for_each_scope(
    staff_client, programme, practitioner
):
    give_consent(programme, practitioner, except_scopes=[Scope.TRAINING])
    _, html = page(staff_client(practitioner), programme)
    words = text(html)
    assert "What the family has agreed to now" in words
    assert "Being filmed Yes" in words
    assert "Using clips in training or presentations No" in words
    assert "Filming is not allowed" not in words
    assert "Filming allowed" in words


def test_no_consent_yet_means_filming_is_not_allowed(staff_client, programme, practitioner):
    _, html = page(staff_client(practitioner), programme)
    words = text(html)
    assert "Filming is not allowed" in words
    assert "No consent has been recorded yet" in words
    assert "Being filmed No" in words
    # Nothing to withdraw yet.
    assert reverse("programmes:consent_withdraw", args=[programme.reference]) not in html


def test_after_withdrawal_the_warning_lists_future_filming_visits(
    staff_client, programme, practitioner
):
    give_consent(programme, practitioner)
    filming = book(programme, practitioner, kind=VisitKind.FILMING, days=3)
    other = book(programme, practitioner, kind=VisitKind.OTHER, days=4)
    withdraw_filming(programme, practitioner)
    _, html = page(staff_client(practitioner), programme)
    words = text(html)
    assert "Filming is not allowed" in words
    assert "Consent to filming has been withdrawn" in words
    assert "Filming withdrawn" in words
    warning = html.split("Filming is not allowed")[1].split("</div>")[0]
    assert str(filming.public_id) in warning
    assert str(other.public_id) not in warning
    assert "Keeping the film for the programme Yes" in words


def test_goals_have_a_chart_and_a_table_of_the_same_ratings(staff_client, programme, practitioner):
    goals = busy_family(programme, practitioner, visits=4)
    _, html = page(staff_client(practitioner), programme)
    heading = 'heading-s">“Feel more confident with my baby”</h3>'
    first_goal = html.split(heading)[1].split('<div class="nhsuk-card">')[0]
    svg = re.search(r"<svg class=\"app-gbo-chart\".*?</svg>", first_goal, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-label="Goal Based Outcomes chart for' in svg
    assert "<title>Goal Based Outcomes chart for" in svg
    assert "style=" not in svg
    # Baseline 2, then after the two shared reviews 4 and 6: three points, one line.
    assert svg.count("<circle") == 3
    assert "<polyline" in svg
    assert "3 ratings, from 2 to 6 out of 10 (up 4)" in svg
    table = re.search(r"<table class=\"nhsuk-table app-gbo-table\">.*?</table>", first_goal, re.S)
    cells = text(table.group(0))
    assert "Baseline 2 out of 10" in cells
    assert cells.count("After a shared review") == 2
    assert "6 out of 10" in cells
    assert "Helping question: “What am I doing that helps us feel close?”" in text(first_goal)
    revise = reverse("programmes:goal_revise", args=[programme.reference, goals[0].public_id])
    assert revise in html


def test_a_revised_goal_shows_its_new_wording_and_the_old_one(
    staff_client, programme, practitioner
):
    goal = actions.add_goal(
        programme=programme, text="Be calmer", helping_question="What helps?", by=practitioner
    )
    actions.revise_goal(
        goal=goal,
        text="Stay calm at bedtime",
        helping_question="What helps bedtime go well?",
        by=practitioner,
    )
    _, html = page(staff_client(practitioner), programme)
    words = text(html)
    assert "“Stay calm at bedtime”" in words
    assert "Earlier wording: “Be calmer”" in words
    assert "Not rated yet" in words


def test_visits_are_split_into_coming_up_and_past_with_attendance_labels(
    staff_client, programme, practitioner
):
    give_consent(programme, practitioner)
    missed = happened(
        programme, practitioner, kind=VisitKind.OTHER, days=-2, attendance=Attendance.DID_NOT_ATTEND
    )
    cancelled = book(programme, practitioner, kind=VisitKind.PRE_VIG, days=5)
    actions.cancel_visit(visit=cancelled, cancelled_by_family=True, by=practitioner)
    coming = book(programme, practitioner, kind=VisitKind.FILMING, days=6, place_detail="Hub")
    _, html = page(staff_client(practitioner), programme)
    coming_up, past = html.split("Coming up</h3>")[1].split("Past and cancelled</h3>")
    assert str(coming.public_id) in coming_up
    assert "Family&#x27;s home" in coming_up
    assert str(missed.public_id) in past and "Was not brought" in past
    assert str(cancelled.public_id) in past and "Cancelled by the family" in past
    assert "<s>" in past
    for visit in (coming, missed, cancelled):
        assert reverse("programmes:visit", args=[programme.reference, visit.public_id]) in html


def test_things_to_do_link_to_the_pages_that_do_them(staff_client, programme, practitioner):
    give_consent(programme, practitioner)
    goal = actions.add_goal(
        programme=programme, text="Play more", helping_question="What helps?", by=practitioner
    )
    attended = happened(programme, practitioner, days=-3)
    not_recorded = book(programme, practitioner, days=-1)
    _, html = page(staff_client(practitioner), programme)
    to_do = html.split("To do</h2>")[1].split("</ul>")[0]
    ref = programme.reference
    assert reverse("programmes:visit_outcome", args=[ref, not_recorded.public_id]) in to_do
    assert reverse("programmes:visit_summary", args=[ref, attended.public_id]) in to_do
    assert reverse("programmes:ratings", args=[ref]) in to_do
    assert f"Rate “{goal.text}” for the first time" in to_do


def test_a_new_familys_to_do_is_its_first_steps(staff_client, programme, practitioner):
    consent_form(programme.referral.service)
    client = staff_client(practitioner)
    _, html = page(client, programme)
    to_do = html.split("To do</h2>")[1].split("</ul>")[0]
    ref = programme.reference
    assert reverse("programmes:consent_record", args=[ref]) in to_do
    assert reverse("programmes:goal_add", args=[ref]) in to_do
    assert reverse("programmes:visit_book", args=[ref]) in to_do
    assert "Book the first meeting" in text(to_do)
    give_consent(programme, practitioner)
    actions.add_goal(programme=programme, text="Play", helping_question="?", by=practitioner)
    book(programme, practitioner, kind=VisitKind.FIRST_MEETING, days=2)
    _, html = page(client, programme)
    to_do = html.split("To do</h2>")[1].split("</ul>")[0]
    assert reverse("programmes:consent_record", args=[ref]) not in to_do
    assert reverse("programmes:goal_add", args=[ref]) not in to_do
    assert "Book the first meeting" not in to_do
    assert "for the first time (baseline)" in to_do  # what is left to do


def test_an_ended_programme_has_no_first_steps_to_do(staff_client, programme, practitioner):
    from django.utils import timezone

    actions.end_programme(
        programme=programme,
        reason=EndReason.MOVED_AWAY,
        ended_on=timezone.localdate(),
        ending_summary="Moved before we met.",
        by=practitioner,
    )
    _, html = page(staff_client(practitioner), programme)
    assert "To do</h2>" not in html


def test_action_links_for_the_guider_but_not_the_supervisor(
    staff_client, team, team_lead, practitioner
):
    from tests.helpers import supervised_family

    programme, trainee, supervisor = supervised_family(team, team_lead)
    give_consent(programme, trainee)
    ref = programme.reference
    links = [
        reverse("programmes:visit_book", args=[ref]),
        reverse("programmes:goal_add", args=[ref]),
        reverse("programmes:consent_record", args=[ref]),
        reverse("programmes:consent_withdraw", args=[ref]),
        reverse("programmes:planned_visits", args=[ref]),
        reverse("programmes:state", args=[ref]),
        reverse("programmes:end", args=[ref]),
    ]
    _, guider_page = page(staff_client(trainee), programme)
    _, lead_page = page(staff_client(team_lead), programme)
    _, supervisor_page = page(staff_client(supervisor), programme)
    for link in links:
        assert f'href="{link}"' in guider_page
        assert f'href="{link}"' in lead_page
        assert f'href="{link}"' not in supervisor_page
    history = reverse("programmes:consent_history", args=[ref])
    assert f'href="{history}"' in supervisor_page


def test_an_ended_programme_offers_the_closing_letter_and_nothing_to_add(
    staff_client, programme, practitioner
):
    from django.utils import timezone

    actions.end_programme(
        programme=programme,
        reason=EndReason.MOVED_AWAY,
        ended_on=timezone.localdate(),
        ending_summary="Moved to another area.",
        by=practitioner,
    )
    _, html = page(staff_client(practitioner), programme)
    assert reverse("programmes:closing_letter", args=[programme.reference]) in html
    assert reverse("programmes:visit_book", args=[programme.reference]) not in html
    words = text(html)
    assert "Why it ended Moved away" in words
    timeline = words.split("Timeline")[-1]
    assert "Programme ended: ended early" in timeline
    assert f"Moved away. Discharge date {timezone.localdate():%-d %B %Y}" in timeline


def test_the_timeline_has_everything_newest_first(staff_client, team, team_lead, practitioner):
    programme = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, route=Route.PROFESSIONAL
    )
    goals = busy_family(programme, practitioner, visits=2)
    actions.revise_goal(
        goal=goals[1],
        text="Enjoy bath and bed time",
        helping_question="What helps?",
        by=practitioner,
    )
    actions.mark_goal_achieved(goal=goals[0], by=practitioner)
    actions.change_planned_visits(
        programme=programme,
        new_number=10,
        reason="More cycles wanted",
        agreed_with_family=True,
        by=practitioner,
    )
    actions.change_state(programme=programme, state="paused", note="Holiday", by=practitioner)
    cancelled = book(programme, practitioner, kind=VisitKind.OTHER, days=9)
    actions.cancel_visit(visit=cancelled, cancelled_by_family=False, by=practitioner)
    summary = programme.visits.filter(summary__isnull=False).first().summary
    actions.send_summary(summary=summary, method="letter", by=practitioner)
    withdraw_filming(programme, practitioner)
    actions.rate_goals(
        programme=programme,
        scores={g.pk: 7 for g in programme.goals.filter(status="active")},
        when=RatingWhen.REVIEW,
        by=practitioner,
    )

    response, html = page(staff_client(practitioner), programme)
    timeline = response.context["timeline"]
    titles = [event.title for event in timeline]
    assert [e.at for e in timeline] == sorted((e.at for e in timeline), reverse=True)
    expected = [
        "Referral received",
        "Referral: on the waiting list",
        "Allocated to Alice Guider",
        "Programme opened",
        "Consent recorded for Sam Jones",
        "Goal agreed",
        "Baseline goal ratings",
        "VIG cycles started",
        "Shared review recorded",
        "Goals rated after a shared review",
        "Session summary written",
        "Goal revised",
        "Goal achieved",
        "Planned visits changed from 8 to 10",
        "Programme paused",
        "Visit cancelled",
        "Session summary given as a printed letter",
        "Sam Jones withdrew consent",
    ]
    for title in expected:
        assert any(t.startswith(title) for t in titles), title
    assert any(t.startswith("Visit booked: Filming") for t in titles)
    assert any(t.startswith("Visit outcome recorded: Shared review") for t in titles)
    # Newest first: the last thing done is at the top.
    assert titles[0] == "Goals rated after a shared review"
    assert titles[-1] == "Referral received"
    words = text(html.split('id="timeline"')[1])
    assert "Professional referral from Pat Midwife, Northmoor Maternity" in words
    assert "Stopped: being filmed." in words and "Reason: Feels awkward on camera" in words
    assert "From “Enjoy bath time together” to “Enjoy bath and bed time”" in words
    assert "“Feel more confident with my baby” 2 out of 10" in words
    assert "More cycles wanted (agreed with the family)" in words
    assert ", by Alice Guider" in words


def test_each_event_is_on_the_timeline_once(staff_client, team, team_lead, practitioner):
    """Allocating a family writes a status change and an allocation: one event."""
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    busy_family(programme, practitioner, visits=3)
    withdraw_filming(programme, practitioner)
    colleague = UserFactory(team=team, full_name="Carol Colleague")
    referral_actions.allocate(referral=programme.referral, practitioner=colleague, by=team_lead)
    response, html = page(staff_client(team_lead), programme)
    events = [(e.at, e.title, e.detail) for e in response.context["timeline"]]
    assert len(events) == len(set(events))
    timeline = text(html.split('id="timeline"')[1])
    assert timeline.count("Allocated to Alice Guider") == 1
    assert timeline.count("Allocated to Carol Colleague") == 1
    assert "Referral: allocated" not in timeline


def measure(client, programme):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(case_url(programme))
    assert response.status_code == 200
    return len(captured)


def test_case_page_queries_do_not_grow_with_visits_goals_and_ratings(
    staff_client, team, team_lead, practitioner, django_assert_max_num_queries
):
    small = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    busy_family(small, practitioner, visits=2)
    big = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, last_name="Big"
    )
    busy_family(big, practitioner, visits=20, start_days=-200)
    for n in range(1, 6):
        book(big, practitioner, kind=VisitKind.OTHER, days=n)
    withdraw_filming(big, practitioner)
    client = staff_client(practitioner)
    client.get(case_url(small))  # warm the session
    counts = [measure(client, small), measure(client, big)]
    print("case page queries", counts)
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(CASE_PAGE_BUDGET):
        client.get(case_url(big))
