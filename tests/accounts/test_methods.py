"""Methods on accounts pages: whoever may not see a page gets the documented answer
(sign-in, 403) before anyone is told the method is wrong; HEAD works wherever GET does."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
AUDIT = reverse("accounts:audit_trail")


def test_a_post_to_the_audit_trail_is_forbidden_to_a_practitioner_first(staff_client, practitioner):
    assert staff_client(practitioner).post(AUDIT).status_code == 403


def test_a_post_to_the_audit_trail_is_refused_for_a_team_lead_without_reading_it(
    staff_client, team_lead
):
    response = staff_client(team_lead).post(AUDIT)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_VIEWED).exists()


@pytest.mark.parametrize("path", [HOME, AUDIT])
def test_a_signed_out_post_is_sent_to_sign_in(client, path):
    response = client.post(path)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_home_answers_only_get_and_head(staff_client, practitioner, method):
    assert getattr(staff_client(practitioner), method)(HOME).status_code == 405


@pytest.mark.parametrize(
    ("user", "path"), [("practitioner", HOME), ("team_lead", HOME), ("team_lead", AUDIT)]
)
def test_head_is_answered_wherever_get_is(staff_client, request, user, path):
    response = staff_client(request.getfixturevalue(user)).head(path)

    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize(
    "name", ["login", "password_reset", "password_reset_done", "password_reset_complete"]
)
def test_head_is_answered_on_the_sign_in_pages(client, name):
    assert client.head(reverse(f"accounts:{name}")).status_code == 200


def test_head_on_the_signed_in_pages_of_the_sign_in_journey(staff_client, practitioner):
    client = staff_client(practitioner)

    assert client.head(reverse("accounts:logout")).status_code == 200
    assert client.head(reverse("accounts:backup_codes")).status_code == 200
