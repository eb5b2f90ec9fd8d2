"""Who may reach the team's referral pages: scope first (404), then permission (403)."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, Role
from referrals import actions
from referrals.models import DuplicateLink, Status
from tests.factories import UserFactory
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_pair(service):
    """Two new referrals that look like the same family."""
    first = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    second = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    return first, second


def referral_urls(referral, other=None):
    urls = {
        "detail": reverse("referrals:detail", args=[referral.reference]),
        "triage": reverse("referrals:triage", args=[referral.reference]),
        "allocate": reverse("referrals:allocate", args=[referral.reference]),
    }
    if other is not None:
        urls["compare"] = reverse("referrals:compare", args=[referral.reference, other.reference])
    return urls


LISTS = ["referrals:inbox", "referrals:waiting_list"]


@pytest.mark.parametrize("name", [*LISTS, "detail", "triage", "allocate", "compare"])
def test_signed_out_people_are_sent_to_sign_in(client, new_pair, name):
    first, second = new_pair
    url = reverse(name) if ":" in name else referral_urls(first, second)[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_outsider_gets_404_for_every_page_of_a_referral_get_and_post(
    staff_client, outsider, new_pair, waiting
):
    first, second = new_pair
    client = staff_client(outsider)
    for referral, other in ((first, second), (waiting, first)):
        for url in referral_urls(referral, other).values():
            assert client.get(url).status_code == 404, url
    assert client.post(referral_urls(first, second)["compare"]).status_code == 404
    triage_url = referral_urls(first)["triage"]
    assert client.post(triage_url, {"decision": "accept", "priority": "1"}).status_code == 404
    allocate_url = referral_urls(waiting)["allocate"]
    assert client.post(allocate_url, {"practitioner": outsider.pk}).status_code == 404
    assert not DuplicateLink.objects.exists()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == (Status.NEW, Status.WAITING)


def test_outsider_team_lead_sees_none_of_the_teams_referrals(
    staff_client, other_team, new_pair, waiting, practitioner, team_lead
):
    actions.allocate(referral=waiting, practitioner=practitioner, by=team_lead)
    elsewhere_lead = UserFactory(team=other_team, role=Role.TEAM_LEAD)
    client = staff_client(elsewhere_lead)
    for name in LISTS:
        response = client.get(reverse(name))
        assert response.status_code == 200
        body = response.content.decode()
        for referral in (*new_pair, waiting):
            assert referral.reference not in body, name


def test_outsider_practitioner_is_refused_the_team_lists(staff_client, outsider, new_pair):
    client = staff_client(outsider)
    assert client.get(reverse("referrals:inbox")).status_code == 403
    assert client.get(reverse("referrals:waiting_list")).status_code == 403


def test_practitioner_in_the_team_cannot_triage_or_see_the_team_lists(
    staff_client, practitioner, team_lead, waiting
):
    actions.allocate(referral=waiting, practitioner=practitioner, by=team_lead)
    client = staff_client(practitioner)
    assert client.get(reverse("referrals:inbox")).status_code == 403
    assert client.get(reverse("referrals:waiting_list")).status_code == 403
    urls = referral_urls(waiting)
    # Their own family: visible, but read-only.
    assert client.get(urls["triage"]).status_code == 403
    assert client.get(urls["allocate"]).status_code == 403
    posted = client.post(urls["triage"], {"decision": "decline", "priority": "1", "note": "x"})
    assert posted.status_code == 403
    assert client.post(urls["allocate"], {"practitioner": practitioner.pk}).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == Status.ALLOCATED


def test_practitioner_gets_404_for_a_referral_not_allocated_to_them(
    staff_client, practitioner, service, new_pair, waiting
):
    first, second = new_pair
    client = staff_client(practitioner)
    for referral, other in ((first, second), (waiting, first)):
        for url in referral_urls(referral, other).values():
            assert client.get(url).status_code == 404, url


def test_practitioner_sees_their_own_family_without_triage_or_allocation_buttons(
    staff_client, practitioner, team_lead, waiting
):
    actions.allocate(referral=waiting, practitioner=practitioner, by=team_lead)
    response = staff_client(practitioner).get(referral_urls(waiting)["detail"])
    assert response.status_code == 200
    body = response.content.decode()
    assert waiting.reference in body
    assert reverse("referrals:triage", args=[waiting.reference]) not in body
    assert reverse("referrals:allocate", args=[waiting.reference]) not in body


def test_supervisor_sees_a_supervisees_family_read_only(staff_client, team, team_lead, waiting):
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR)
    trainee = UserFactory(team=team, supervisor=supervisor)
    actions.allocate(referral=waiting, practitioner=trainee, by=team_lead)
    client = staff_client(supervisor)
    assert client.get(referral_urls(waiting)["detail"]).status_code == 200
    assert client.get(referral_urls(waiting)["triage"]).status_code == 403


def test_practitioner_cannot_link_duplicates_of_their_own_family(
    staff_client, practitioner, team_lead, service
):
    first = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    second = make_referral(service, last_name="Doe", date_of_birth=date(2025, 3, 1))
    for referral in (first, second):
        actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
        actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
    client = staff_client(practitioner)
    url = referral_urls(first, second)["compare"]
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 403
    assert not DuplicateLink.objects.exists()


def test_referral_urls_never_use_the_numeric_id(staff_client, team_lead, new_pair):
    first, _ = new_pair
    client = staff_client(team_lead)
    assert client.get(f"/staff/referrals/{first.pk}/").status_code == 404
    assert client.get(f"/staff/referrals/{first.reference}/").status_code == 200


def test_outsider_gets_404_for_a_referral_page_whatever_the_method(
    staff_client, outsider, new_pair, waiting
):
    """Scope comes first: a method the page doesn't take says nothing either."""
    first, second = new_pair
    client = staff_client(outsider)
    for url in referral_urls(first, second).values():
        for method in ("post", "put", "patch", "delete", "head", "options"):
            assert getattr(client, method)(url).status_code == 404, (method, url)


def test_practitioner_is_refused_triage_and_allocation_whatever_the_method(
    staff_client, practitioner, team_lead, waiting
):
    actions.allocate(referral=waiting, practitioner=practitioner, by=team_lead)
    client = staff_client(practitioner)
    urls = referral_urls(waiting)
    for url in (urls["triage"], urls["allocate"]):
        for method in ("put", "delete", "head"):
            assert getattr(client, method)(url).status_code == 403, (method, url)
    for name in LISTS:
        for method in ("post", "put", "head"):
            assert getattr(client, method)(reverse(name)).status_code == 403, (method, name)


def test_a_method_a_page_does_not_take_is_405_for_those_in_scope(staff_client, team_lead, new_pair):
    first, second = new_pair
    client = staff_client(team_lead)
    urls = referral_urls(first, second)
    for url in (reverse(name) for name in LISTS):
        assert client.post(url).status_code == 405, url
    assert client.post(urls["detail"]).status_code == 405
    for url in urls.values():
        response = client.put(url)
        assert response.status_code == 405, url
        assert "HEAD" in response["Allow"]


def test_head_is_answered_wherever_get_is(staff_client, team_lead, new_pair, waiting):
    first, second = new_pair
    client = staff_client(team_lead)
    pair = referral_urls(first, second)
    urls = [reverse(name) for name in LISTS]
    urls += [pair["detail"], pair["triage"], pair["compare"], referral_urls(waiting)["allocate"]]
    for url in urls:
        assert client.head(url).status_code == 200, url


def test_a_head_request_shows_nothing_so_audits_no_read(staff_client, team_lead, new_pair):
    first, second = new_pair
    client = staff_client(team_lead)
    for url in referral_urls(first, second).values():
        client.head(url)
    assert not AuditEvent.objects.filter(action=actions.AuditAction.VIEWED).exists()
