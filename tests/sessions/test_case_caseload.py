"""My caseload: my open programmes with their progress, consent and things to do;
supervisors also see their supervisees' families, team leads their team's."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from sessions import actions
from sessions.models import Attendance, EndReason, RatingWhen, VisitKind
from tests.factories import UserFactory
from tests.helpers import (
    book,
    busy_family,
    give_consent,
    happened,
    open_programme,
    supervised_family,
    withdraw_filming,
)

pytestmark = pytest.mark.django_db

CASELOAD = reverse("programmes:caseload")
# Session (read, then saved), user, second factor, the programmes, and three
# prefetches: caregivers, children, consent in force.
CASELOAD_BUDGET = 10


def row_for(html, programme):
    """The caseload table row of ``programme``'s family, as text."""
    rows = re.findall(r"<tr class=\"nhsuk-table__row\" role=\"row\">(.*?)</tr>", html, re.S)
    found = [row for row in rows if programme.reference in row]
    assert len(found) == 1, f"{programme.reference} is in {len(found)} rows"
    return " ".join(re.sub(r"<[^>]+>", " ", found[0]).split())


def sections(response):
    context = response.context
    return {
        "mine": [p.reference for p in context["mine"].programmes],
        **{s.heading: [p.reference for p in s.programmes] for s in context["sections"]},
    }


def test_my_caseload_shows_stage_visits_next_visit_consent_and_cycle(
    staff_client, team, team_lead, practitioner
):
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    give_consent(programme, practitioner)
    happened(programme, practitioner, kind=VisitKind.FILMING, days=-2)
    book(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=3, hour=11)
    response = staff_client(practitioner).get(CASELOAD)
    assert response.status_code == 200
    row = row_for(response.content.decode(), programme)
    assert "Robin Jones" in row and "Sam Jones (mother)" in row
    assert "Stage Active" in row
    assert "Cycle 1: filmed, review to come" in row
    assert "Visits used 1 of 8" in row
    assert re.search(r"Next visit \w{3} \d+ \w{3}, 11:00", row)
    assert "Consent Filming allowed" in row
    assert reverse("programmes:case", args=[programme.reference]) in response.content.decode()


def test_consent_status_tells_not_asked_refused_and_withdrawn_apart(
    staff_client, team, team_lead, practitioner
):
    not_asked = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    refused = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, last_name="Refused"
    )
    give_consent(refused, practitioner, yes=False)
    withdrawn = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, last_name="Withdrawn"
    )
    give_consent(withdrawn, practitioner)
    withdraw_filming(withdrawn, practitioner)
    html = staff_client(practitioner).get(CASELOAD).content.decode()
    assert "Consent No consent yet" in row_for(html, not_asked)
    assert "Consent Filming not agreed" in row_for(html, refused)
    assert "Consent Filming withdrawn" in row_for(html, withdrawn)


def test_things_to_do_are_counted_for_each_family(staff_client, team, team_lead, practitioner):
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    give_consent(programme, practitioner)
    goal = actions.add_goal(
        programme=programme, text="Play", helping_question="What helps?", by=practitioner
    )
    actions.add_goal(
        programme=programme, text="Sleep", helping_question="What helps?", by=practitioner
    )
    actions.rate_goals(
        programme=programme, scores={goal.pk: 3}, when=RatingWhen.BASELINE, by=practitioner
    )
    happened(programme, practitioner, days=-5)
    happened(programme, practitioner, days=-4)
    written = happened(programme, practitioner, days=-3)
    actions.write_summary(
        visit=written, strengths="a", points_to_work_on="b", next_steps="c", by=practitioner
    )
    happened(programme, practitioner, days=-2, attendance=Attendance.DID_NOT_ATTEND)
    book(programme, practitioner, days=-1)
    book(programme, practitioner, days=2)

    calm = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, last_name="Calm"
    )
    first_steps_taken(calm, practitioner)
    html = staff_client(practitioner).get(CASELOAD).content.decode()
    row = row_for(html, programme)
    assert "1 visit outcome to record" in row
    assert "2 summaries to write" in row
    assert "1 goal to rate" in row
    assert "To do Nothing" in row_for(html, calm)


def first_steps_taken(programme, by, days=3):
    """Consent recorded, a goal agreed and rated, the first meeting booked."""
    give_consent(programme, by)
    goal = actions.add_goal(programme=programme, text="Play", helping_question="?", by=by)
    actions.rate_goals(programme=programme, scores={goal.pk: 3}, when=RatingWhen.BASELINE, by=by)
    book(programme, by, kind=VisitKind.FIRST_MEETING, days=days)


def test_a_new_family_shows_its_first_steps_not_nothing(
    staff_client, team, team_lead, practitioner
):
    new = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    html = staff_client(practitioner).get(CASELOAD).content.decode()
    row = row_for(html, new)
    assert "To do Record consent Agree goals Book the first meeting" in row
    assert "Nothing" not in row


def test_each_first_step_leaves_the_list_once_taken(staff_client, team, team_lead, practitioner):
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    client = staff_client(practitioner)
    give_consent(programme, practitioner, yes=False)  # a "no" is an answer too
    row = row_for(client.get(CASELOAD).content.decode(), programme)
    assert "Record consent" not in row and "Agree goals" in row
    actions.add_goal(programme=programme, text="Play", helping_question="?", by=practitioner)
    row = row_for(client.get(CASELOAD).content.decode(), programme)
    assert "Agree goals" not in row and "1 goal to rate" in row
    cancelled = book(programme, practitioner, days=2)
    actions.cancel_visit(visit=cancelled, cancelled_by_family=True, by=practitioner)
    row = row_for(client.get(CASELOAD).content.decode(), programme)
    assert "Book the first meeting" in row  # a cancelled visit is no meeting
    book(programme, practitioner, kind=VisitKind.FIRST_MEETING, days=3)
    row = row_for(client.get(CASELOAD).content.decode(), programme)
    assert "Book the first meeting" not in row


def test_first_steps_keep_the_caseload_queries_flat(staff_client, team, team_lead, practitioner):
    client = staff_client(practitioner)
    open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    client.get(CASELOAD)
    one = queries(client)
    for n in range(6):
        programme = open_programme(
            team.service, team_lead=team_lead, practitioner=practitioner, last_name=f"N{n}"
        )
        if n % 2:
            first_steps_taken(programme, practitioner, days=3 + n)
    assert queries(client) == one


def test_only_open_programmes_and_only_mine_in_my_section(
    staff_client, team, team_lead, practitioner
):
    mine = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    ended = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, last_name="Ended"
    )
    actions.end_programme(
        programme=ended,
        reason=EndReason.FAMILY_WITHDREW,
        ended_on=timezone.localdate(),
        ending_summary="Family stopped.",
        by=practitioner,
    )
    colleague = UserFactory(team=team)
    theirs = open_programme(
        team.service, team_lead=team_lead, practitioner=colleague, last_name="Theirs"
    )
    response = staff_client(practitioner).get(CASELOAD)
    assert sections(response) == {"mine": [mine.reference]}
    html = response.content.decode()
    assert ended.reference not in html and theirs.reference not in html


def test_supervisors_see_their_supervisees_families_in_a_second_section(
    staff_client, team, team_lead
):
    programme, trainee, supervisor = supervised_family(team, team_lead)
    own = open_programme(
        team.service, team_lead=team_lead, practitioner=supervisor, last_name="Own"
    )
    response = staff_client(supervisor).get(CASELOAD)
    assert sections(response) == {
        "mine": [own.reference],
        "Supervisees' families": [programme.reference],
    }
    html = response.content.decode()
    assert "Supervisees&#x27; families" in html
    assert "Guider Tom Trainee" in row_for(html, programme)
    # The trainee sees only their own.
    assert sections(staff_client(trainee).get(CASELOAD)) == {"mine": [programme.reference]}


def test_team_leads_see_the_teams_families_in_their_own_section(
    staff_client, team, team_lead, practitioner, outsider
):
    theirs = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    own = open_programme(
        team.service, team_lead=team_lead, practitioner=team_lead, last_name="Lead"
    )
    other_lead = UserFactory(team=outsider.team, role=Role.TEAM_LEAD)
    elsewhere = open_programme(
        outsider.team.service, team_lead=other_lead, practitioner=outsider, last_name="Far"
    )
    response = staff_client(team_lead).get(CASELOAD)
    assert sections(response) == {"mine": [own.reference], "Team's families": [theirs.reference]}
    assert elsewhere.reference not in response.content.decode()


def test_a_team_lead_who_guides_nobody_sees_only_the_teams_families(
    staff_client, team, team_lead, practitioner
):
    theirs = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    response = staff_client(team_lead).get(CASELOAD)
    assert sections(response) == {"mine": [], "Team's families": [theirs.reference]}
    assert "You have no open programmes" in response.content.decode()


def test_an_empty_caseload_says_so(staff_client, practitioner):
    html = staff_client(practitioner).get(CASELOAD).content.decode()
    assert "You have no open programmes." in html


def test_the_navigation_offers_my_caseload_and_diary(staff_client, practitioner):
    html = staff_client(practitioner).get(CASELOAD).content.decode()
    navigation = html.split('aria-label="Menu"')[1].split("</nav>")[0]
    assert f'href="{CASELOAD}"' in navigation
    assert 'aria-current="page"' in navigation.split(CASELOAD)[1].split("</li>")[0]
    assert f'href="{reverse("programmes:diary")}"' in navigation


def queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(CASELOAD)
    assert response.status_code == 200
    return len(captured)


def test_caseload_queries_do_not_grow_with_families(
    staff_client, team, team_lead, django_assert_max_num_queries
):
    """A supervisor (three sections' worth of rules) with 2, then 15 families."""
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR)
    client = staff_client(supervisor)

    def families(count, start):
        for n in range(start, start + count):
            guider = supervisor if n % 3 == 0 else UserFactory(team=team, supervisor=supervisor)
            programme = open_programme(
                team.service, team_lead=team_lead, practitioner=guider, last_name=f"F{n}"
            )
            busy_family(programme, guider, visits=2 + n % 3, start_days=-100 + 5 * n)
            book(programme, guider, days=1 + n, hour=9)
            if n % 4 == 0:
                withdraw_filming(programme, guider)

    families(2, 0)
    client.get(CASELOAD)
    small = queries(client)
    families(13, 2)
    big = queries(client)
    print("caseload queries", [small, big])
    assert small == big
    with django_assert_max_num_queries(CASELOAD_BUDGET):
        response = client.get(CASELOAD)
    counted = sections(response)
    assert len(counted["mine"]) + len(counted["Supervisees' families"]) == 15
