"""Each rule lives in its action: the action refuses, and its why_not_… says the
same to the page beforehand. Sendings and cancellations are their own rows, read
without the audit trail. Who may change a family's programme is one check."""

import importlib
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from accounts.models import AuditEvent, Role
from accounts.permissions import Permission, has_permission
from sessions import actions
from sessions.models import Attendance, Mechanism, SummaryDelivery, Visit, VisitKind
from sessions.presenters.timeline import build_timeline
from tests.factories import UserFactory
from tests.helpers import at, book, happened, open_programme, supervised_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(team, team_lead, practitioner):
    return open_programme(team.service, team_lead=team_lead, practitioner=practitioner)


@pytest.mark.parametrize("kind", [VisitKind.FILMING, VisitKind.SHARED_REVIEW])
def test_filming_and_shared_reviews_are_never_by_telephone(programme, practitioner, kind):
    with pytest.raises(actions.ProgrammeError, match="can't be by telephone"):
        book(programme, practitioner, kind=kind, mechanism=Mechanism.TELEPHONE)
    visit = book(programme, practitioner, kind=kind, mechanism=Mechanism.VIDEO)
    with pytest.raises(actions.ProgrammeError, match="can't be by telephone"):
        actions.change_visit(
            visit=visit,
            starts_at=visit.starts_at,
            duration_minutes=60,
            place="home",
            mechanism=Mechanism.TELEPHONE,
            by=practitioner,
        )
    other = book(
        programme, practitioner, kind=VisitKind.OTHER, days=2, mechanism=Mechanism.TELEPHONE
    )
    assert other.mechanism == Mechanism.TELEPHONE


def test_why_not_says_what_the_action_would_refuse(programme, practitioner):
    visit = happened(programme, practitioner)
    refusal = actions.why_not_change_visit(visit)
    assert refusal.explanation == "This visit is over or cancelled, so it can't be changed."
    with pytest.raises(actions.ProgrammeError) as raised:
        actions.change_visit(
            visit=visit, starts_at=at(2), duration_minutes=60, place="home", by=practitioner
        )
    assert str(raised.value) == str(refusal)
    coming = book(programme, practitioner, days=3)
    assert actions.why_not_change_visit(coming) is None
    assert "once it has started" in actions.why_not_record_outcome(coming).explanation
    assert actions.why_not_record_outcome(visit) is None


def test_a_cancelled_visit_keeps_when_it_was_cancelled(programme, practitioner):
    visit = book(programme, practitioner, days=4)
    moment = timezone.now().replace(microsecond=0)
    with time_machine.travel(moment, tick=False):
        actions.cancel_visit(visit=visit, cancelled_by_family=True, by=practitioner)
    visit.refresh_from_db()
    assert visit.cancelled_at == moment
    assert visit.cancelled_on == timezone.localdate(moment)
    assert visit.attendance == Attendance.CANCELLED_BY_FAMILY
    events = build_timeline(programme, goals=[], visits=[visit], consent_records=[], deliveries=[])
    cancelled = next(e for e in events if e.title.startswith("Visit cancelled"))
    assert (cancelled.at, cancelled.date_only) == (moment, False)


def test_earlier_cancellations_take_their_time_from_the_audit_trail_once(programme, practitioner):
    visit = book(programme, practitioner, days=4)
    actions.cancel_visit(visit=visit, cancelled_by_family=False, by=practitioner)
    Visit.objects.filter(pk=visit.pk).update(cancelled_at=None)  # as before the field
    event = AuditEvent.objects.get(action=actions.AuditAction.VISIT_CANCELLED)
    migration = importlib.import_module("sessions.migrations.0003_visit_cancelled_at")
    migration.times_from_the_audit_trail(apps, None)
    visit.refresh_from_db()
    assert visit.cancelled_at == event.created_at


def test_a_double_click_on_send_is_caught_by_the_action_from_the_rows(programme, practitioner):
    visit = happened(programme, practitioner)
    summary = actions.write_summary(
        visit=visit, strengths="a", points_to_work_on="b", next_steps="c", by=practitioner
    )
    first = actions.send_summary(
        summary=summary, method="letter", ignore_double_click=True, by=practitioner
    )
    again = actions.send_summary(
        summary=summary, method="letter", ignore_double_click=True, by=practitioner
    )
    assert first.not_again == ""
    assert again.delivery == first.delivery
    assert again.not_again.endswith("It was not recorded again")
    # Called on purpose (not from a click), it sends again; so does a click a minute on.
    actions.send_summary(summary=summary, method="letter", by=practitioner)
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        later = actions.send_summary(
            summary=summary, method="letter", ignore_double_click=True, by=practitioner
        )
    assert later.not_again == ""
    assert SummaryDelivery.objects.count() == 3


def test_who_may_change_a_family_is_one_check(team, team_lead, outsider):
    programme, trainee, supervisor = supervised_family(team, team_lead)
    colleague = UserFactory(team=team)
    other_lead = UserFactory(team=outsider.team, role=Role.TEAM_LEAD)
    change = Permission.WORK_WITH_FAMILIES
    assert has_permission(trainee, change, programme)
    assert has_permission(team_lead, change, programme)
    assert not has_permission(supervisor, change, programme)
    assert not has_permission(colleague, change, programme)
    assert not has_permission(other_lead, change, programme)
    # A visit or goal answers as its programme does.
    visit = book(programme, trainee)
    assert has_permission(team_lead, change, visit)
    assert not has_permission(supervisor, change, visit)
    # What each sees, by the same rules as the lists.
    assert has_permission(supervisor, Permission.VIEW_SUPERVISEE_CASES, programme)
    assert has_permission(team_lead, Permission.VIEW_TEAM_CASES, programme)
    assert not has_permission(colleague, Permission.VIEW_OWN_CASELOAD, programme)
    # Permissions with no rule for records are never granted on one.
    assert has_permission(team_lead, Permission.TRIAGE_REFERRALS)
    assert not has_permission(team_lead, Permission.TRIAGE_REFERRALS, programme)


def test_only_those_who_configure_the_service_use_the_admin(staff_client, team):
    lead_with_staff_flag = UserFactory(team=team, role=Role.TEAM_LEAD, is_staff=True)
    response = staff_client(lead_with_staff_flag).get("/admin/", follow=True)
    assert response.status_code == 403
    assert not has_permission(lead_with_staff_flag, Permission.CONFIGURE_SERVICE)
