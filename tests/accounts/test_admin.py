"""The Django admin: behind our sign-in and 2FA, staff only, audit read-only."""

import pytest
from django.urls import reverse

from accounts.audit import record
from accounts.models import AuditAction, AuditEvent, Role, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db):
    return UserFactory(
        email="admin@trust.invalid",
        full_name="Ada Admin",
        role=Role.SERVICE_ADMIN,
        team=None,
        is_staff=True,
        is_superuser=True,
    )


def test_admin_login_page_sends_people_to_our_sign_in(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")

    # The middleware gets there first for anyone not fully signed in.
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_administrator_signed_in_with_2fa_uses_the_admin(staff_client, administrator):
    client = staff_client(administrator)

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200
    response = client.get("/admin/login/?next=/admin/accounts/team/")
    assert response.status_code == 302
    assert response.url == "/admin/accounts/team/"


def test_admin_login_ignores_next_pages_elsewhere(staff_client, administrator):
    response = staff_client(administrator).get("/admin/login/?next=https://evil.example/")

    assert response.url == reverse("admin:index")


def test_staff_without_admin_access_are_refused_not_looped(staff_client, team_lead):
    client = staff_client(team_lead)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403


def test_user_list_shows_email_name_role_team_and_stage(staff_client, administrator, practitioner):
    response = staff_client(administrator).get("/admin/accounts/user/")

    assert "alice@trust.invalid" in response.text
    assert "Alice Guider" in response.text
    assert "Practitioner" in response.text
    assert "North Locality" in response.text
    assert "Accredited guider" in response.text


def test_administrator_adds_a_staff_account(
    staff_client, administrator, team, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client(administrator).post(
            "/admin/accounts/user/add/",
            {
                "email": "New.Person@Trust.invalid",
                "full_name": "New Person",
                "role": Role.PRACTITIONER,
                "team": team.pk,
                "accreditation_stage": "stage_1",
                "supervisor": "",
                "usable_password": "true",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )

    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="new.person@trust.invalid")
    assert user.check_password(PASSWORD)
    assert user.team == team
    # The same as create_staff_user: audited, and welcomed by email after commit.
    created = AuditEvent.objects.get(action=AuditAction.STAFF_CREATED, target_id=str(user.pk))
    assert created.actor_id == administrator.pk
    assert [m.to for m in mailoutbox] == [["new.person@trust.invalid"]]


def test_the_same_email_in_other_capitals_is_refused(staff_client, administrator, practitioner):
    response = staff_client(administrator).post(
        "/admin/accounts/user/add/",
        {
            "email": "ALICE@trust.invalid",
            "full_name": "Another Alice",
            "role": Role.PRACTITIONER,
            "team": practitioner.team_id,
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 200
    assert "A staff account with this email address already exists." in response.text
    assert User.objects.filter(email__iexact="alice@trust.invalid").count() == 1


def test_audit_events_are_read_only_in_the_admin(staff_client, administrator, practitioner):
    event = record(AuditAction.SIGN_IN, actor=practitioner)
    client = staff_client(administrator)
    change_url = f"/admin/accounts/auditevent/{event.pk}/change/"

    assert client.get("/admin/accounts/auditevent/").status_code == 200
    assert client.get("/admin/accounts/auditevent/add/").status_code == 403
    assert client.get(change_url).status_code == 200
    assert client.post(change_url, {"action": "changed"}).status_code == 403
    assert client.post(f"/admin/accounts/auditevent/{event.pk}/delete/").status_code == 403
    event.refresh_from_db()
    assert event.action == AuditAction.SIGN_IN
