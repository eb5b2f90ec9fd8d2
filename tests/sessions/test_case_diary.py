"""The diary: my visits for a week, Monday first, grouped by day, and a printable day."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions import actions
from sessions.models import Place, VisitKind
from tests.factories import UserFactory
from tests.helpers import open_programme

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DIARY = reverse("programmes:diary")
# Session (read, then saved), user, second factor, the visits, and the
# children and caregivers of their families.
DIARY_BUDGET = 9


@pytest.fixture(autouse=True)
def wednesday():
    """Wednesday 4 March 2026, 8 in the morning: the week runs 2 to 8 March."""
    with time_machine.travel(datetime(2026, 3, 4, 8, tzinfo=LONDON), tick=False):
        yield


def visit_on(programme, by, day, hour, kind=VisitKind.OTHER, **kwargs):
    return actions.book_visit(
        programme=programme,
        kind=kind,
        starts_at=datetime(2026, 3, day, hour, tzinfo=LONDON),
        place=kwargs.pop("place", Place.HOME),
        by=by,
        **kwargs,
    )


def day_section(html, heading):
    """The part of the week page under one day's heading."""
    after = html.split(f'app-diary__day">{heading}</h2>')[1]
    return after.split('<h2 class="nhsuk-heading-m app-diary__day">')[0]


def test_the_week_runs_monday_to_sunday_with_my_visits_under_their_day(
    staff_client, programme, practitioner
):
    monday = visit_on(programme, practitioner, 2, 9, kind=VisitKind.FIRST_MEETING)
    wednesday = visit_on(programme, practitioner, 4, 14, place=Place.FAMILY_HUB)
    sunday = visit_on(programme, practitioner, 8, 11)
    visit_on(programme, practitioner, 9, 10)  # next week
    visit_on(programme, practitioner, 1, 10)  # last week
    response = staff_client(practitioner).get(DIARY)
    html = response.content.decode()
    days = response.context["days"]
    assert [d.day for d in days] == [date(2026, 3, n) for n in range(2, 9)]
    assert [len(d.visits) for d in days] == [1, 0, 1, 0, 0, 0, 1]
    assert "2 March to 8 March 2026" in html
    assert str(monday.public_id) in day_section(html, "Monday 2 March")
    assert str(wednesday.public_id) in day_section(html, "Today, Wednesday 4 March")
    assert "Family hub" in day_section(html, "Today, Wednesday 4 March")
    assert "No visits." in day_section(html, "Tuesday 3 March")
    assert str(sunday.public_id) in day_section(html, "Sunday 8 March")
    assert "3 visits this week." in html
    assert reverse("programmes:case", args=[programme.reference]) in html


def test_previous_and_next_week_links_and_any_day_of_a_week(staff_client, programme, practitioner):
    next_week = visit_on(programme, practitioner, 10, 9)
    client = staff_client(practitioner)
    html = client.get(DIARY).content.decode()
    assert f'href="{DIARY}?week=2026-02-23"' in html
    assert f'href="{DIARY}?week=2026-03-09"' in html
    # Any day of the week shows the week from its Monday.
    response = client.get(DIARY, {"week": "2026-03-12"})
    assert response.context["monday"] == date(2026, 3, 9)
    assert str(next_week.public_id) in response.content.decode()
    assert "Go to this week" in response.content.decode()


@pytest.mark.parametrize("week", ["junk", "2026-02-30", "0001-01-01", "2026-13-01"])
def test_a_week_that_is_not_a_date_is_not_found(staff_client, practitioner, week):
    assert staff_client(practitioner).get(DIARY, {"week": week}).status_code == 404


def test_cancelled_visits_stay_in_the_diary_struck_through_and_labelled(
    staff_client, programme, practitioner
):
    visit = visit_on(programme, practitioner, 5, 10)
    actions.cancel_visit(visit=visit, cancelled_by_family=True, by=practitioner)
    html = staff_client(practitioner).get(DIARY).content.decode()
    thursday = day_section(html, "Thursday 5 March")
    row = re.search(r"<tr class=\"nhsuk-table__row app-cancelled\".*?</tr>", thursday, re.S)
    assert row, thursday
    assert "<s>" in row.group(0)
    assert "Cancelled by the family" in row.group(0)


def test_only_my_visits_appear(staff_client, team, team_lead, programme, practitioner):
    colleague = UserFactory(team=team)
    theirs = open_programme(
        team.service, team_lead=team_lead, practitioner=colleague, last_name="Theirs"
    )
    visit_on(theirs, colleague, 4, 10)
    mine = visit_on(programme, practitioner, 4, 10)
    response = staff_client(practitioner).get(DIARY)
    assert [v.pk for d in response.context["days"] for v in d.visits] == [mine.pk]
    assert theirs.reference not in response.content.decode()
    # The team lead's own diary is theirs alone too.
    lead_days = staff_client(team_lead).get(DIARY).context["days"]
    assert not any(d.visits for d in lead_days)


def test_a_family_handed_on_leaves_the_old_guiders_diary(
    staff_client, team, team_lead, programme, practitioner
):
    from referrals import actions as referral_actions

    visit_on(programme, practitioner, 4, 10)
    colleague = UserFactory(team=team)
    referral_actions.allocate(referral=programme.referral, practitioner=colleague, by=team_lead)
    days = staff_client(practitioner).get(DIARY).context["days"]
    assert not any(d.visits for d in days)


def test_the_day_view_shows_one_day_with_notes_and_the_days_around(
    staff_client, programme, practitioner
):
    visit = visit_on(programme, practitioner, 4, 9, notes="Ring the bell twice")
    visit_on(programme, practitioner, 5, 9)
    response = staff_client(practitioner).get(reverse("programmes:diary_day", args=["2026-03-04"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Today, Wednesday 4 March 2026" in html
    assert [v.pk for v in response.context["day"].visits] == [visit.pk]
    assert "Ring the bell twice" in html
    assert reverse("programmes:diary_day", args=["2026-03-03"]) in html
    assert reverse("programmes:diary_day", args=["2026-03-05"]) in html
    assert f"{DIARY}?week=2026-03-02" in html
    assert "print" in html


@pytest.mark.parametrize("day", ["2026-02-30", "2026-13-01", "0000-01-01"])
def test_a_day_that_is_not_a_date_is_not_found(staff_client, practitioner, day):
    assert staff_client(practitioner).get(f"{DIARY}{day}/").status_code == 404, (
        "dates that match the pattern but do not exist"
    )
    assert staff_client(practitioner).get(f"{DIARY}junk/").status_code == 404


def test_the_diary_prints_without_the_services_navigation():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/app.css"), encoding="utf-8").read()  # noqa: SIM115
    print_rules = css.split("@media print")[1]
    for hidden in (".nhsuk-header", ".nhsuk-footer", ".nhsuk-back-link", ".app-no-print"):
        assert hidden in print_rules


def diary_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_diary_queries_do_not_grow_with_visits(
    staff_client, team, team_lead, practitioner, django_assert_max_num_queries
):
    client = staff_client(practitioner)
    day_url = reverse("programmes:diary_day", args=["2026-03-02"])

    def families(count, start):
        for n in range(start, start + count):
            programme = open_programme(
                team.service, team_lead=team_lead, practitioner=practitioner, last_name=f"F{n}"
            )
            visit_on(programme, practitioner, 2 + n % 7, 8 + n // 7, duration_minutes=45)

    families(2, 0)
    client.get(DIARY)
    small = [diary_queries(client, DIARY), diary_queries(client, day_url)]
    families(18, 2)
    big = [diary_queries(client, DIARY), diary_queries(client, day_url)]
    print("diary queries (week, day)", small, big)
    assert small == big
    with django_assert_max_num_queries(DIARY_BUDGET):
        response = client.get(DIARY)
    assert response.context["visit_count"] == 20


def test_a_printed_day_shows_how_to_reach_the_family_escaped(staff_client, programme, practitioner):
    """The rows are written in Python (``sessions.presenters.diary_rows``): the family's
    phone, the first caregiver's address for a home visit, a video call's mechanism,
    and every value escaped as the template engine would."""
    caregiver = programme.referral.caregivers.order_by("pk").first()
    caregiver.phone, caregiver.postcode = "07700 900123", "LS1 4AP"
    caregiver.address, caregiver.last_name = "1 High Street\nLeeds", "<b>Smith</b>"
    caregiver.save()
    visit_on(programme, practitioner, 4, 9, notes="Gate code <1234>\nthen ring")
    visit_on(
        programme, practitioner, 4, 14, mechanism="11", place=Place.OTHER, place_detail="Room & 2"
    )
    html = (
        staff_client(practitioner)
        .get(reverse("programmes:diary_day", args=["2026-03-04"]))
        .content.decode()
    )
    assert "&lt;b&gt;Smith&lt;/b&gt;, 07700 900123" in html
    assert "<b>Smith</b>" not in html
    assert '<span class="nhsuk-body-s">1 High Street<br>Leeds, LS1 4AP</span>' in html
    assert '<span class="nhsuk-body-s">Gate code &lt;1234&gt;<br>then ring</span>' in html
    assert '<span class="nhsuk-body-s">Video call</span>' in html
    assert '<span class="nhsuk-body-s">Room &amp; 2</span>' in html
    # The week's page leaves the address and notes for the printed day.
    week = staff_client(practitioner).get(DIARY).content.decode()
    assert "1 High Street" not in week and "Gate code" not in week
    assert "07700 900123" in week
