"""The audit trail page: team leads read their own team's events, filtered and paged."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.audit import record
from accounts.models import AuditAction, AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AUDIT = reverse("accounts:audit_trail")
LONDON = ZoneInfo("Europe/London")
CASE_VIEWED = "programme.viewed"


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=LONDON), tick=False)


def date(name, day, month, year):
    """The three boxes of an NHS.UK date input, as the browser sends them."""
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def test_practitioner_may_not_read_the_audit_trail(staff_client, practitioner):
    response = staff_client(practitioner).get(AUDIT)

    assert response.status_code == 403


def test_team_lead_sees_own_team_but_not_other_teams(
    staff_client, team_lead, practitioner, outsider
):
    record(AuditAction.SIGN_IN, actor=practitioner)
    record(CASE_VIEWED, actor=outsider, family_reference="OUT-1")

    response = staff_client(team_lead).get(AUDIT)

    assert response.status_code == 200
    people = {row["person"] for row in response.context["rows"]}
    assert "Alice Guider" in people
    assert "Bob Outsider" not in people
    assert "bob@trust.invalid" not in response.text
    assert "OUT-1" not in response.text


def test_table_shows_time_person_action_record_reference_and_address(
    staff_client, team_lead, practitioner, rf
):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    with at(2026, 3, 27, 14, 5, 9):
        record(
            CASE_VIEWED,
            actor=practitioner,
            target=team_lead,
            family_reference="VIG-27",
            request=request,
        )

    response = staff_client(team_lead).get(AUDIT, {"family_reference": "VIG-27"})

    assert response.context["rows"] == [
        {
            "when": datetime(2026, 3, 27, 14, 5, 9, tzinfo=LONDON),
            "person": "Alice Guider",
            "action": "Family's case read",
            "detail": "",
            "record": "Tina Lead",
            "family_reference": "VIG-27",
            "ip_address": "10.1.2.3",
        }
    ]
    assert "27 Mar 2026, 14:05:09" in response.text
    assert 'class="nhsuk-table-responsive"' in response.text


def test_person_filter_offers_colleagues_only(staff_client, team_lead, practitioner, outsider):
    response = staff_client(team_lead).get(AUDIT)

    choices = list(response.context["form"].fields["person"].queryset)
    assert practitioner in choices
    assert team_lead in choices
    assert outsider not in choices


def test_filter_by_person_includes_attempts_on_their_account(
    staff_client, team_lead, practitioner, client
):
    record(AuditAction.SIGN_IN, actor=practitioner)
    record(AuditAction.SIGN_IN, actor=team_lead)
    client.post(reverse("accounts:login"), {"email": practitioner.email, "password": "wrong"})

    response = staff_client(team_lead).get(AUDIT, {"person": practitioner.pk})

    actions = sorted(row["action"] for row in response.context["rows"])
    assert actions == ["Sign-in failed", "Signed in"]


def test_someone_outside_the_team_cannot_be_chosen(staff_client, team_lead, outsider):
    response = staff_client(team_lead).get(AUDIT, {"person": outsider.pk})

    assert "Choose a person from the list" in response.text


def test_filter_by_email_address(staff_client, team_lead, practitioner, client):
    client.post(reverse("accounts:login"), {"email": "ALICE@trust.invalid", "password": "wrong"})
    record(AuditAction.SIGN_IN, actor=team_lead)

    response = staff_client(team_lead).get(AUDIT, {"email": "alice@TRUST.invalid"})

    assert [row["action"] for row in response.context["rows"]] == ["Sign-in failed"]


def test_filter_by_family_reference(staff_client, team_lead, practitioner):
    record(CASE_VIEWED, actor=practitioner, family_reference="VIG-1")
    record(CASE_VIEWED, actor=practitioner, family_reference="VIG-2")

    response = staff_client(team_lead).get(AUDIT, {"family_reference": " vig-2 "})

    assert [row["family_reference"] for row in response.context["rows"]] == ["VIG-2"]


def test_filter_by_dates_takes_whole_days_in_local_time(staff_client, team_lead, practitioner):
    for day, hour, ref in [
        (25, 12, "before"),
        (26, 0, "first"),
        (27, 23, "last"),
        (28, 0, "after"),
    ]:
        with at(2026, 3, day, hour, 30):
            record(CASE_VIEWED, actor=practitioner, family_reference=ref)
    client = staff_client(team_lead)

    response = client.get(
        AUDIT, {**date("date_from", "26", "3", "2026"), **date("date_to", "27", "03", "2026")}
    )

    refs = [row["family_reference"] for row in response.context["rows"]]
    assert refs == ["last", "first"]


def test_date_from_alone_and_date_to_alone(staff_client, team_lead, practitioner):
    for day in (1, 2, 3):
        with at(2026, 4, day, 9, 0):
            record(CASE_VIEWED, actor=practitioner, family_reference=f"D{day}")
    client = staff_client(team_lead)

    since = client.get(AUDIT, {**date("date_from", "2", "4", "2026"), "family_reference": ""})
    until = client.get(AUDIT, date("date_to", "2", "4", "2026"))

    assert [r["family_reference"] for r in since.context["rows"] if r["family_reference"]] == [
        "D3",
        "D2",
    ]
    assert [r["family_reference"] for r in until.context["rows"] if r["family_reference"]] == [
        "D2",
        "D1",
    ]


def test_dates_that_are_not_real_say_so(staff_client, team_lead):
    response = staff_client(team_lead).get(AUDIT, date("date_from", "31", "2", "2026"))

    assert "Date from must be a real date" in response.text
    assert "For example, 27 3 2026" in response.text


def test_date_to_before_date_from_says_so(staff_client, team_lead):
    response = staff_client(team_lead).get(
        AUDIT, {**date("date_from", "27", "3", "2026"), **date("date_to", "1", "3", "2026")}
    )

    assert "Date to must be the same as or after date from" in response.text


def test_fifty_events_a_page_with_filters_kept_across_pages(staff_client, team_lead, practitioner):
    for n in range(60):
        record(CASE_VIEWED, actor=practitioner, family_reference="VIG-60", details={"n": n})
    client = staff_client(team_lead)

    first = client.get(AUDIT, {"family_reference": "VIG-60"})
    assert len(first.context["rows"]) == 50
    assert first.context["next_url"] == "?family_reference=VIG-60&page=2"
    assert 'class="nhsuk-pagination"' in first.text
    assert "Page 2 of 2" in first.text

    second = client.get(AUDIT + first.context["next_url"])
    assert len(second.context["rows"]) == 10
    assert second.context["previous_url"] == "?family_reference=VIG-60&page=1"


def test_reading_the_trail_is_audited_with_its_filters(staff_client, team_lead, practitioner):
    staff_client(team_lead).get(
        AUDIT,
        {
            "person": practitioner.pk,
            "family_reference": "VIG-9",
            **date("date_from", "1", "3", "2026"),
        },
    )

    viewed = AuditEvent.objects.get(action=AuditAction.AUDIT_VIEWED)
    assert viewed.actor_id == team_lead.pk
    assert viewed.team_id == team_lead.team_id
    assert viewed.details == {
        "person_id": practitioner.pk,
        "person_email": practitioner.email,
        "family_reference": "VIG-9",
        "date_from": "2026-03-01",
        "page": 1,
    }


def test_query_count_does_not_grow_with_the_number_of_events(
    staff_client, team_lead, team, django_assert_max_num_queries
):
    colleagues = UserFactory.create_batch(5, team=team)
    client = staff_client(team_lead)

    def add_events(count):
        for n in range(count):
            person = colleagues[n % len(colleagues)]
            record(CASE_VIEWED, actor=person, target=colleagues[0], family_reference=f"F{n}")

    add_events(5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(AUDIT).status_code == 200

    add_events(55)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(AUDIT)
    assert len(response.context["rows"]) == 50
