import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from accounts.models import AuditAction, AuditEvent, Role, User
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_staff_user_with_generated_password(django_capture_on_commit_callbacks):
    team = TeamFactory(name="Northmoor HV")
    with django_capture_on_commit_callbacks(execute=True):
        output = run(
            "create_staff_user",
            "Jo.Bloggs@Trust.invalid",
            "--name=Jo Bloggs",
            "--role=practitioner",
            "--team=northmoor hv",
            "--stage=stage_1",
            "--generate-password",
        )
    user = User.objects.get(email="jo.bloggs@trust.invalid")
    password = output.split("Password: ")[1].strip()
    assert user.check_password(password)
    assert (user.role, user.team, user.accreditation_stage) == (Role.PRACTITIONER, team, "stage_1")
    assert user.is_trainee
    assert AuditEvent.objects.filter(action=AuditAction.STAFF_CREATED, target_id=str(user.pk))
    # Eager in this test: the welcome email really goes out once the row commits.
    assert [m.to for m in mail.outbox] == [["jo.bloggs@trust.invalid"]]


def test_create_staff_user_refuses_unknown_team_and_duplicates():
    TeamFactory(name="Known")
    with pytest.raises(CommandError, match="No team called 'Nowhere'"):
        run(
            "create_staff_user",
            "a@trust.invalid",
            "--name=A",
            "--role=practitioner",
            "--team=Nowhere",
            "--generate-password",
        )
    run(
        "create_staff_user",
        "a@trust.invalid",
        "--name=A",
        "--role=practitioner",
        "--team=Known",
        "--generate-password",
        "--no-email",
    )
    with pytest.raises(CommandError, match="already a staff account"):
        run(
            "create_staff_user",
            "A@TRUST.invalid",
            "--name=A",
            "--role=practitioner",
            "--team=Known",
            "--generate-password",
        )
    assert User.objects.count() == 1


def test_create_staff_user_needs_a_team_except_for_service_admins():
    with pytest.raises(CommandError, match="Choose the team"):
        run(
            "create_staff_user",
            "b@trust.invalid",
            "--name=B",
            "--role=team_lead",
            "--generate-password",
        )
    run(
        "create_staff_user",
        "admin@trust.invalid",
        "--name=Admin",
        "--role=service_admin",
        "--generate-password",
        "--no-email",
    )
    assert User.objects.get(email="admin@trust.invalid").is_staff


def test_create_staff_user_without_a_terminal_asks_for_generated_password():
    TeamFactory(name="Known")
    with pytest.raises(CommandError, match="--generate-password"):
        run(
            "create_staff_user",
            "c@trust.invalid",
            "--name=C",
            "--role=practitioner",
            "--team=Known",
        )


def test_seed_demo_is_repeatable_and_never_reuses_a_password():
    first = run("seed_demo")
    second = run("seed_demo")
    assert User.objects.filter(email__endswith=".example").count() == 9
    lead = User.objects.get(email="lead@northmoor.example")
    assert lead.role == Role.TEAM_LEAD
    trainee = User.objects.get(email="trainee@northmoor.example")
    assert trainee.is_trainee and trainee.supervisor.email == "supervisor@northmoor.example"

    def password_of(output, email):
        line = next(line for line in output.splitlines() if line.strip().startswith(email))
        return line.split()[1]

    assert password_of(first, lead.email) != password_of(second, lead.email)
    assert lead.check_password(password_of(second, lead.email))
    assert User.objects.get(email="admin@vig-demo.example").is_superuser
    # Fictional families in each service, added once, and a consent form to use.
    from consent.models import ConsentFormVersion
    from referrals.models import Referral, Status

    assert Referral.objects.filter(service__slug="northmoor").count() == 4
    assert Referral.objects.filter(status=Status.ALLOCATED).count() == 2
    assert ConsentFormVersion.objects.filter(service__slug="riverside").exists()
    guider = User.objects.get(email="guider@northmoor.example")
    programme = guider.programmes.get()
    # First meeting, a filming visit with a ready film, one with none yet, a review.
    assert programme.visits.count() == 4
    assert [film.state for film in programme.films.all()] == ["ready"]
