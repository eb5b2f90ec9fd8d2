"""Supervision: a supervisor sees their trainees' clips only where the family agreed,
writes feedback the guider reads, records sessions, and sees accreditation progress."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, Role
from consent.actions import withdraw_consent
from consent.models import Scope
from films import actions
from films.models import Clip, Film, ReviewMoment, SupervisionSession
from films.supervision import progress
from sessions import actions as session_actions
from sessions.models import VisitKind
from tests.factories import UserFactory
from tests.helpers import attended, errors, give_consent, open_programme, signed_in_client, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(team, practitioner):
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR, full_name="Sue Supervisor")
    practitioner.supervisor = supervisor
    practitioner.accreditation_stage = "stage_1"
    practitioner.save(update_fields=["supervisor", "accreditation_stage"])
    return supervisor


@pytest.fixture
def clip(film, practitioner, supervisor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        clip = actions.add_clip(
            film=film,
            start_ms=0,
            end_ms=2_000,
            title="Waiting for him",
            principles=["encouraging"],
            by=practitioner,
        )
    clip.refresh_from_db()
    return clip


def withdraw(programme, scope, by):
    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[scope],
        reason="Changed our minds",
        by=by,
    )


def test_the_supervisor_sees_and_plays_clips_the_family_agreed_to(supervisor, clip):
    client = signed_in_client(supervisor)
    page = client.get(reverse("supervision:clips"))
    assert page.status_code == 200
    assert "Waiting for him" in text(page)
    one = client.get(reverse("supervision:clip", args=[clip.public_id]))
    assert one.status_code == 200
    src = re.search(r'<source src="([^"]+)"', one.content.decode()).group(1).replace("&amp;", "&")
    assert client.get(src).status_code == 200


def test_withdrawing_supervisor_consent_ends_the_supervisors_access_at_once(
    supervisor, clip, practitioner
):
    client = signed_in_client(supervisor)
    page = client.get(reverse("supervision:clip", args=[clip.public_id]))
    src = re.search(r'<source src="([^"]+)"', page.content.decode()).group(1).replace("&amp;", "&")
    withdraw(clip.programme, Scope.SUPERVISOR, practitioner)
    assert "Waiting for him" not in text(client.get(reverse("supervision:clips")))
    assert client.get(reverse("supervision:clip", args=[clip.public_id])).status_code == 404
    assert client.post(reverse("supervision:clip", args=[clip.public_id])).status_code == 404
    assert client.get(src).status_code == 404


def test_without_supervisor_consent_nothing_is_listed(
    team, team_lead, practitioner, supervisor, film, clip
):
    withdraw(film.programme, Scope.SUPERVISOR, practitioner)
    client = signed_in_client(supervisor)
    assert "No clips to review" in text(client.get(reverse("supervision:clips")))


def test_feedback_is_audited_and_shown_to_the_guider(supervisor, clip, practitioner, film):
    client = signed_in_client(supervisor)
    page = reverse("supervision:clip", args=[clip.public_id])
    assert "Write your feedback" in errors(client.post(page, {"text": " "}))
    assert client.post(page, {"text": "Lovely waiting. Name it for her."}).status_code == 302
    assert AuditEvent.objects.filter(action="moment.feedback_written").count() == 1
    args = [film.programme.reference, film.visit.public_id, film.public_id]
    guider = signed_in_client(practitioner)
    assert "Supervision feedback (1)" in text(guider.get(reverse("films:analysis", args=args)))
    own_page = reverse("films:moment", args=[*args, clip.public_id])
    assert "Lovely waiting. Name it for her." in text(guider.get(own_page))


def test_other_people_get_404_or_403(staff_client, outsider, practitioner, clip, supervisor):
    page = reverse("supervision:clip", args=[clip.public_id])
    assert staff_client(outsider).get(page).status_code == 403  # not a supervisor at all
    other = UserFactory(team=supervisor.team, role=Role.SUPERVISOR)
    assert signed_in_client(other).get(page).status_code == 404  # not theirs


def test_a_supervision_session_is_recorded(supervisor, practitioner, clip):
    client = signed_in_client(supervisor)
    response = client.post(
        reverse("supervision:session_add"),
        {
            "supervisee": str(practitioner.pk),
            "held_on_day": "20",
            "held_on_month": "11",
            "held_on_year": "2026",
            "duration_minutes": "90",
            "clips": [str(clip.public_id)],
            "notes": "Talked about waiting.",
        },
    )
    assert response.status_code == 302, errors(response)
    session = SupervisionSession.objects.get()
    assert (session.supervisee, session.duration_minutes) == (practitioner, 90)
    assert session.held_on == datetime.date(2026, 11, 20)
    assert list(session.clips.all()) == [clip]
    assert AuditEvent.objects.filter(action="supervision.session_recorded").count() == 1


def test_accreditation_counts_cycles_families_and_hours(
    supervisor, practitioner, clip, film, programme, team, team_lead
):
    # One cycle: the filming visit has a clip, and a shared review looked back at it.
    assert progress(practitioner).cycles == 0
    review = attended(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=-1, hour=15)
    session_actions.record_shared_review(
        visit=review,
        parent_noticed="His smile",
        strengths="Waiting",
        filming_visit=film.visit,
        by=practitioner,
    )
    # A filming visit without clips is not a cycle.
    attended(programme, practitioner, kind=VisitKind.FILMING, days=-3)
    # A second family: one cycle whose clips were shown at the review (no review
    # record naming the film yet), and a filmed visit with clips not yet reviewed.
    other = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    give_consent(other, practitioner)
    for days, reviewed in ((-20, True), (-5, False)):
        filmed = attended(other, practitioner, kind=VisitKind.FILMING, days=days)
        other_film = Film.objects.create(  # rows only: what counts is that clips exist
            programme=other,
            visit=filmed,
            filmed_by=practitioner,
            filmed_at=filmed.starts_at,
            state="rejected",
            rejection_reason="-",
        )
        other_clip = Clip.objects.create(
            film=other_film,
            programme=other,
            start_ms=0,
            end_ms=2_000,
            title="x",
            created_by=practitioner,
            state="ready",
        )
        if reviewed:
            shown_at = attended(other, practitioner, kind=VisitKind.SHARED_REVIEW, days=days + 7)
            ReviewMoment.objects.create(visit=shown_at, clip=other_clip, recorded_by=practitioner)
    for minutes in (90, 30):
        SupervisionSession.objects.create(
            supervisor=supervisor,
            supervisee=practitioner,
            held_on=datetime.date(2026, 11, 1),
            duration_minutes=minutes,
        )
    mine = progress(practitioner)
    assert (mine.cycles, mine.families, mine.hours) == (2, 2, 2.0)
    assert (mine.requirement.cycles, mine.requirement.families, mine.requirement.hours) == (6, 2, 7)
    page = text(signed_in_client(practitioner).get(reverse("supervision:progress")))
    assert "Accreditation progress" in page
    sup_page = text(signed_in_client(supervisor).get(reverse("supervision:clips")))
    assert "Hours of supervision 2.0 7" in sup_page
    assert "Cycles (a filming visit with clips, and a shared review of them) 2 6" in sup_page
