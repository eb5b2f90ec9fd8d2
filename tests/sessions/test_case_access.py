"""Who may open the caseload, diary, case and consent pages, and that each view of
a case is audited.

The guider, their VIG supervisor and the team's lead see the family; a colleague
in the same team who is not the guider, and anyone in another team, get a 404
whatever they try (GET or POST). Signed out, every page sends you to sign in.
"""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from consent.views import withdrawal_stamp
from sessions.actions import AuditAction
from tests.factories import UserFactory
from tests.helpers import give_consent, supervised_family, withdraw_filming

pytestmark = pytest.mark.django_db

FAMILY_PAGES = [
    "programmes:case",
    "programmes:consent_record",
    "programmes:consent_withdraw",
    "programmes:consent_history",
    "programmes:consent_withdrawn",
    "programmes:consent_withdrawal_letter",
]
WITH_STAMP = {"programmes:consent_withdrawn", "programmes:consent_withdrawal_letter"}
LISTS = ["programmes:caseload", "programmes:diary"]


@pytest.fixture
def family(team, team_lead):
    programme, trainee, supervisor = supervised_family(team, team_lead)
    give_consent(programme, trainee)
    withdrawal = withdraw_filming(programme, trainee)
    stamp = withdrawal_stamp(withdrawal.records[0].recorded_at)
    return programme, trainee, supervisor, stamp


def url(name, programme, stamp):
    kwargs = {"reference": programme.reference}
    if name in WITH_STAMP:
        kwargs["stamp"] = stamp
    return reverse(name, kwargs=kwargs)


def people(family, team_lead):
    _, trainee, supervisor, _ = family
    return {"guider": trainee, "supervisor": supervisor, "team lead": team_lead}


@pytest.mark.parametrize("name", FAMILY_PAGES)
@pytest.mark.parametrize("who", ["guider", "supervisor", "team lead"])
def test_the_guider_supervisor_and_team_lead_see_every_family_page(
    staff_client, family, team_lead, name, who
):
    programme, _, _, stamp = family
    response = staff_client(people(family, team_lead)[who]).get(url(name, programme, stamp))
    assert response.status_code == 200
    assert programme.reference in response.content.decode()


@pytest.mark.parametrize("name", FAMILY_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_colleague_who_is_not_the_guider_gets_404(staff_client, family, team, name, method):
    programme, _, _, stamp = family
    colleague = UserFactory(team=team, full_name="Colin Colleague")
    client = staff_client(colleague)
    response = getattr(client, method)(url(name, programme, stamp))
    assert response.status_code == 404


@pytest.mark.parametrize("name", FAMILY_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_from_another_team_gets_404(staff_client, family, outsider, name, method):
    programme, _, _, stamp = family
    response = getattr(staff_client(outsider), method)(url(name, programme, stamp))
    assert response.status_code == 404


@pytest.mark.parametrize("name", FAMILY_PAGES)
def test_a_family_that_does_not_exist_is_404(staff_client, family, name):
    _, trainee, _, stamp = family
    kwargs = {"reference": "VIG-AAAA-AAAA"}
    if name in WITH_STAMP:
        kwargs["stamp"] = stamp
    assert staff_client(trainee).get(reverse(name, kwargs=kwargs)).status_code == 404


@pytest.mark.parametrize("name", FAMILY_PAGES + LISTS)
def test_signed_out_people_are_sent_to_sign_in(client, family, name):
    programme, _, _, stamp = family
    target = url(name, programme, stamp) if name in FAMILY_PAGES else reverse(name)
    response = client.get(target)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("who", ["guider", "supervisor", "team lead"])
def test_caseload_and_diary_open_for_everyone_with_a_caseload(
    staff_client, family, team_lead, name, who
):
    client = staff_client(people(family, team_lead)[who])
    assert client.get(reverse(name)).status_code == 200


def test_a_service_administrator_has_no_caseload(staff_client, team):
    admin = UserFactory(team=team, role="service_admin")
    client = staff_client(admin)
    for name in LISTS:
        assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["programmes:consent_record", "programmes:consent_withdraw"])
def test_a_supervisor_reads_consent_pages_but_cannot_change_consent(staff_client, family, name):
    programme, _, supervisor, stamp = family
    client = staff_client(supervisor)
    page = client.get(url(name, programme, stamp))
    assert page.status_code == 200
    assert "Only the family's guider or a team lead" in page.content.decode()
    assert f'action="{url(name, programme, stamp)}"' not in page.content.decode()
    assert client.post(url(name, programme, stamp)).status_code == 403


@pytest.mark.parametrize("name", ["programmes:case", "programmes:consent_history"])
def test_pages_that_only_show_refuse_other_methods_once_in_scope(staff_client, family, name):
    programme, trainee, _, stamp = family
    assert staff_client(trainee).post(url(name, programme, stamp)).status_code == 405


@pytest.mark.parametrize("name", FAMILY_PAGES)
def test_every_view_of_a_family_page_is_audited(staff_client, family, team_lead, name):
    programme, _, _, stamp = family
    before = AuditEvent.objects.filter(action=AuditAction.VIEWED).count()
    staff_client(team_lead).get(url(name, programme, stamp))
    events = AuditEvent.objects.filter(action=AuditAction.VIEWED).order_by("created_at")
    assert events.count() == before + 1
    event = events.last()
    assert event.actor_id == team_lead.pk
    assert event.family_reference == programme.reference
    assert event.target_id == str(programme.pk)


def test_a_refused_view_writes_no_audit_event(staff_client, family, outsider):
    programme, *_ = family
    staff_client(outsider).get(reverse("programmes:case", args=[programme.reference]))
    assert not AuditEvent.objects.filter(action=AuditAction.VIEWED).exists()


@pytest.mark.parametrize(
    "stamp",
    ["20260101T000000000000Z", "20261399T999999999999Z"],
    ids=["no such withdrawal", "not a moment"],
)
def test_a_withdrawal_that_is_not_this_familys_is_404(staff_client, family, stamp):
    programme, trainee, *_ = family
    client = staff_client(trainee)
    for name in WITH_STAMP:
        assert client.get(url(name, programme, stamp)).status_code == 404
