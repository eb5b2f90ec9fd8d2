"""My tasks and the staff home: the day's visits, tasks and what to confirm."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from scheduling.models import StaffTask, TaskKind
from scheduling.schedule import add_task
from tests.helpers import attended, book, give_consent, signed_in_client, text

pytestmark = pytest.mark.django_db


def test_my_tasks_lists_and_completes_a_task_with_one_click(programme, practitioner, team):
    task = add_task(
        key="t1",
        kind=TaskKind.CONTACT_AFTER_MISSED,
        service=team.service,
        team=team,
        assignee=practitioner,
        programme=programme,
        title="Contact the family after a missed visit",
        due_on="2020-01-01",
    )
    client = signed_in_client(practitioner)
    page = text(client.get(reverse("tasks:list")))
    assert "Overdue" in page and "Contact the family after a missed visit" in page
    response = client.post(reverse("tasks:done", args=[task.public_id]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_by == practitioner
    assert AuditEvent.objects.filter(action="task.done").count() == 1
    assert "Overdue" not in text(client.get(reverse("tasks:list")))


def test_someone_elses_task_is_not_found(programme, colleague, practitioner, team):
    task = add_task(
        key="t2",
        kind=TaskKind.CHECK_IN,
        service=team.service,
        team=team,
        assignee=practitioner,
        title="Check in",
        due_on="2026-01-01",
    )
    response = signed_in_client(colleague).post(reverse("tasks:done", args=[task.public_id]))
    assert response.status_code == 404
    assert not StaffTask.objects.get(pk=task.pk).is_done


def test_home_shows_todays_visits_and_proposals_to_confirm(programme, practitioner):
    give_consent(programme, practitioner)
    attended(programme, practitioner, kind="filming", days=-1)
    book(programme, practitioner, days=0, hour=23)
    page = text(signed_in_client(practitioner).get(reverse("accounts:home")))
    assert "Today's visits" in page and "23:00 Other" in page
    assert "Proposed visits to confirm" in page and "Shared review" in page
    assert "Micro-analyse the film" not in page or "Due today" in page or "Tasks" in page


def test_a_team_leads_home_shows_referrals_and_flags(programme, team_lead, team):
    add_task(
        key="f1",
        kind=TaskKind.SAFEGUARDING_REVIEW,
        service=team.service,
        team=team,
        programme=programme,
        title="Was not brought twice: safeguarding review",
        is_flag=True,
        due_on="2026-01-01",
    )
    page = text(signed_in_client(team_lead).get(reverse("accounts:home")))
    assert "new referral" in page
    assert "Was not brought twice: safeguarding review" in page
