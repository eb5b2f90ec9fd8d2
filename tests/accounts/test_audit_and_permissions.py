import pytest
from django.core.exceptions import ValidationError

from accounts import audit
from accounts.models import AuditEvent, Role, Team, User
from accounts.permissions import Permission, has_permission
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_audit_events_are_append_only(practitioner):
    event = audit.record("programme.viewed", actor=practitioner, details={"note": "first"})
    event.details = {"note": "changed"}
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).details == {"note": "first"}


def test_audit_masks_secrets_and_scopes_to_the_actors_team(practitioner, rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.9")
    event = audit.record(
        "programme.viewed",
        actor=practitioner,
        request=request,
        details={"password": "hunter2", "nested": {"otp_token": "123456"}, "email": "a@b.c"},
    )
    assert event.details == {
        "password": audit.MASK,
        "nested": {"otp_token": audit.MASK},
        "email": "a@b.c",
    }
    assert (event.team_id, event.actor_label, event.ip_address) == (
        practitioner.team_id,
        practitioner.email,
        "203.0.113.9",
    )


def test_audit_survives_deleting_the_record_it_describes(practitioner):
    other = UserFactory(team=practitioner.team)
    audit.record("programme.viewed", actor=practitioner, target=other)
    other_pk = other.pk
    other.delete()
    event = AuditEvent.objects.get(action="programme.viewed")
    assert (event.target_type, event.target_id) == ("accounts.user", str(other_pk))


def test_roles_map_to_permissions(practitioner, team_lead):
    supervisor = UserFactory(team=practitioner.team, role=Role.SUPERVISOR)
    assert has_permission(practitioner, Permission.WORK_WITH_FAMILIES)
    assert not has_permission(practitioner, Permission.VIEW_AUDIT_TRAIL)
    assert has_permission(supervisor, Permission.VIEW_SUPERVISEE_CASES)
    assert not has_permission(supervisor, Permission.ALLOCATE_CASES)
    assert has_permission(team_lead, Permission.ALLOCATE_CASES)
    assert has_permission(team_lead, Permission.VIEW_AUDIT_TRAIL)
    practitioner.is_active = False
    assert not has_permission(practitioner, Permission.VIEW_STAFF_AREA)


def test_querysets_scope_to_the_users_team(practitioner, team_lead, outsider):
    assert set(User.objects.visible_to(team_lead)) == {practitioner, team_lead}
    assert outsider not in User.objects.visible_to(practitioner)
    assert list(Team.objects.visible_to(outsider)) == [outsider.team]
    audit.record("auth.sign_in", actor=practitioner)
    audit.record("auth.sign_out", actor=outsider)
    assert [e.action for e in AuditEvent.objects.visible_to(team_lead)] == ["auth.sign_in"]
    assert not AuditEvent.objects.visible_to(practitioner).exists()


def test_a_member_of_staff_needs_a_team_unless_service_admin(team):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create_user(email="x@trust.invalid", full_name="X", role=Role.PRACTITIONER)
