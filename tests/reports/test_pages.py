"""The report pages: who sees them, what they show, exports and their audit."""

import csv
import datetime
import io

import pytest

from accounts.models import AuditEvent
from reports.exports import escape
from reports.pages import REPORTS
from tests.helpers import open_programme, signed_in_client, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_client(team_lead):
    return signed_in_client(team_lead)


@pytest.mark.parametrize("slug", ["index", "csds", *REPORTS])
def test_every_report_page_shows(lead_client, team_lead, practitioner, slug):
    open_programme(team_lead.team.service, team_lead=team_lead, practitioner=practitioner)
    response = lead_client.get(f"/staff/reports/{'' if slug == 'index' else slug + '/'}")
    assert response.status_code == 200


def test_every_period_shows(lead_client):
    for period in ("this_month", "last_month", "this_quarter", "this_year", "last_year"):
        assert lead_client.get("/staff/reports/waiting/", {"period": period}).status_code == 200
    custom = {"period": "custom", "start": "2026-01-01", "end": "2026-03-31"}
    response = lead_client.get("/staff/reports/referrals/", custom)
    assert "1 January 2026 to 31 March 2026" in text(response)


def test_practitioners_see_only_their_own_caseload(team_lead, practitioner, colleague):
    service = team_lead.team.service
    open_programme(service, team_lead=team_lead, practitioner=practitioner, last_name="Mine")
    open_programme(service, team_lead=team_lead, practitioner=colleague, last_name="Theirs")
    client = signed_in_client(practitioner)
    assert client.get("/staff/reports/").status_code == 403
    assert client.get("/staff/reports/waiting/").status_code == 403
    response = client.get("/staff/reports/caseload/", {"practitioner": colleague.pk})
    rows = response.context["report"].sections[0].table.rows
    assert [row[0] for row in rows] == ["Alice Guider"]
    assert colleague.full_name not in response.content.decode()


def test_the_reports_item_in_the_navigation(lead_client, practitioner):
    assert 'href="/staff/reports/"' in lead_client.get("/staff/").content.decode()
    assert (
        'href="/staff/reports/"'
        not in signed_in_client(practitioner).get("/staff/").content.decode()
    )


def test_every_chart_has_a_table_and_a_sentence(lead_client, team_lead, practitioner):
    open_programme(team_lead.team.service, team_lead=team_lead, practitioner=practitioner)
    for slug in REPORTS:
        html = lead_client.get(f"/staff/reports/{slug}/").content.decode()
        charts = html.count('<svg class="app-chart"')
        assert charts <= html.count("<table"), slug
        assert html.count("<figcaption") == charts, slug


def test_a_table_downloads_as_csv_audited_with_suppression(lead_client, team_lead, practitioner):
    service = team_lead.team.service
    for name in ("A", "B"):
        open_programme(service, team_lead=team_lead, practitioner=practitioner, last_name=name)
    response = lead_client.get(
        "/staff/reports/caseload/", {"period": "this_month", "download": "caseload"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Staff id", "Pre-VIG", "Active"]
    assert rows[1][0] == str(practitioner.pk)
    assert practitioner.full_name not in str(rows)  # no names in exports
    assert rows[1][1] == "fewer than 5"  # two families
    event = AuditEvent.objects.get(action="report.exported")
    assert event.details["report"] == "caseload"
    assert event.details["filters"]["period"] == "this_month"


def test_an_unknown_table_is_not_found(lead_client):
    assert lead_client.get("/staff/reports/caseload/", {"download": "nope"}).status_code == 404


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Sam", "Sam"),
        (-3, "-3"),
        (None, ""),
    ],
)
def test_csv_cells_are_escaped_against_formulas(cell, written):
    assert escape(cell) == written


def test_the_csds_extract(lead_client, team_lead, practitioner):
    from django.utils import timezone

    programme = open_programme(
        team_lead.team.service, team_lead=team_lead, practitioner=practitioner
    )
    month = f"{timezone.localdate():%Y-%m}"
    response = lead_client.get("/staff/reports/csds/", {"month": month, "table": "referrals"})
    assert response.status_code in (200,)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "CYP101.ServiceRequestId"
    assert rows[1][0] == programme.referral.reference
    assert rows[1][3] == "B1" and rows[1][4] == "1"
    assert rows[1][7] == ""  # no closing letter yet

    # The discharge letter's date: the closing letter's first sending.
    from sessions.models import DeliveryMethod, SummaryDelivery

    for days_later in (2, 5):
        SummaryDelivery.objects.create(
            programme=programme,
            method=DeliveryMethod.LETTER,
            sent_by=practitioner,
            sent_at=timezone.now() + datetime.timedelta(days=days_later),
        )
    again = lead_client.get("/staff/reports/csds/", {"month": month, "table": "referrals"})
    rows = list(csv.reader(io.StringIO(b"".join(again.streaming_content).decode())))
    first_letter = timezone.localtime(timezone.now() + datetime.timedelta(days=2)).date()
    assert rows[1][7] == f"{first_letter:%Y-%m-%d}"
    contacts = lead_client.get("/staff/reports/csds/", {"month": month, "table": "care_contacts"})
    assert b"".join(contacts.streaming_content).decode().startswith("CYP201.CareContactId")
    assert AuditEvent.objects.filter(action="report.exported", details__report="csds").count() == 3


def test_the_landing_page_suppresses_small_numbers(lead_client, team_lead, practitioner):
    open_programme(team_lead.team.service, team_lead=team_lead, practitioner=practitioner)
    response = lead_client.get("/staff/reports/", {"period": "this_month"})
    figures = dict(response.context["summary"].rows)
    assert figures["Referrals received"] == "fewer than 5"
    assert figures["Visits in the period"] == 0


def test_the_landing_page_table_downloads(lead_client, team_lead, practitioner):
    open_programme(team_lead.team.service, team_lead=team_lead, practitioner=practitioner)
    page = lead_client.get("/staff/reports/", {"period": "this_month"})
    assert "period=this_month&amp;download=summary" in page.content.decode()
    response = lead_client.get("/staff/reports/", {"period": "this_month", "download": "summary"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Figure", "Number"]
    assert rows[1] == ["Referrals received", "fewer than 5"]
    assert dict(rows[1:]) == {label: str(n) for label, n in page.context["summary"].rows}
    event = AuditEvent.objects.get(action="report.exported", details__report="index")
    assert event.details["table"] == "summary"
    assert event.details["filters"]["period"] == "this_month"
    assert lead_client.get("/staff/reports/", {"download": "other"}).status_code == 404
