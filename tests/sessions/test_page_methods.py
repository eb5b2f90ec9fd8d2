"""Which answer each method gets on a family's pages: scope first, then the method.

Someone who may not see the family gets 404 whatever they send, so a page
that only shows things can't tell an outsider, by a 405, that the family
exists. For those in scope, a method the page doesn't take is 405, and HEAD
is answered wherever GET is.
"""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from consent.views import withdrawal_stamp
from sessions import actions
from tests.helpers import give_consent, happened, supervised_family, withdraw_filming

pytestmark = pytest.mark.django_db

# Pages that only show things.
SHOW_ONLY = [
    "case",
    "consent_history",
    "consent_withdrawn",
    "consent_withdrawal_letter",
    "visit",
    "summary_letter",
]
# Pages with a form.
FORMS = [
    "consent_record",
    "consent_withdraw",
    "closing_letter",
    "state",
    "planned_visits",
    "goal_add",
    "goal_revise",
    "goal_achieved",
    "ratings",
    "visit_book",
    "visit_change",
    "visit_cancel",
    "visit_outcome",
    "visit_review",
    "visit_summary",
    "summary_send",
    "end",
]


@pytest.fixture
def family(team, team_lead):
    programme, trainee, supervisor = supervised_family(team, team_lead)
    give_consent(programme, trainee)
    visit = happened(programme, trainee)
    actions.write_summary(
        visit=visit, strengths="Warm", points_to_work_on="Pauses", next_steps="More", by=trainee
    )
    goal = actions.add_goal(programme=programme, text="Closer", helping_question="?", by=trainee)
    stamp = withdrawal_stamp(withdraw_filming(programme, trainee).records[0].recorded_at)
    arguments = {
        "consent_withdrawn": [stamp],
        "consent_withdrawal_letter": [stamp],
        "visit": [visit.public_id],
        "summary_letter": [visit.public_id],
        "goal_revise": [goal.public_id],
        "goal_achieved": [goal.public_id],
        "visit_change": [visit.public_id],
        "visit_cancel": [visit.public_id],
        "visit_outcome": [visit.public_id],
        "visit_review": [visit.public_id],
        "visit_summary": [visit.public_id],
        "summary_send": [visit.public_id],
    }

    def url(name):
        return reverse(f"programmes:{name}", args=[programme.reference, *arguments.get(name, [])])

    return programme, trainee, url


@pytest.mark.parametrize("method", ["post", "put"])
@pytest.mark.parametrize("name", SHOW_ONLY + FORMS)
def test_a_practitioner_from_another_team_gets_404_whatever_the_method(
    staff_client, family, outsider, name, method
):
    _, _, url = family
    response = getattr(staff_client(outsider), method)(url(name))
    assert response.status_code == 404


@pytest.mark.parametrize("name", SHOW_ONLY)
def test_pages_that_only_show_refuse_a_post_from_the_guider_with_405(staff_client, family, name):
    _, trainee, url = family
    response = staff_client(trainee).post(url(name))
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}


@pytest.mark.parametrize("name", ["consent_record", "consent_withdraw", "closing_letter"])
def test_form_pages_refuse_other_methods_from_the_guider_with_405(staff_client, family, name):
    _, trainee, url = family
    response = staff_client(trainee).put(url(name))
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST"}


@pytest.mark.parametrize("name", SHOW_ONLY + ["consent_record", "closing_letter"])
def test_head_is_answered_wherever_get_is(staff_client, family, name):
    _, trainee, url = family
    response = staff_client(trainee).head(url(name))
    assert response.status_code == 200


def test_head_to_the_case_page_is_200_for_the_guider_and_audited_like_get(staff_client, family):
    programme, trainee, url = family
    before = AuditEvent.objects.filter(action=actions.AuditAction.VIEWED).count()
    response = staff_client(trainee).head(url("case"))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action=actions.AuditAction.VIEWED).count() == before + 1


@pytest.mark.parametrize("name", ["caseload", "diary"])
def test_head_is_answered_on_the_caseload_and_diary(staff_client, family, name):
    _, trainee, _ = family
    assert staff_client(trainee).head(reverse(f"programmes:{name}")).status_code == 200
