"""Clips marked for group supervision or training: listed for the team's leads and
VIG supervisors, only while the family's consent to that use is in force."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditEvent, Role
from consent.actions import withdraw_consent
from consent.models import Scope
from films import actions
from films.marked import marked_clips
from tests.factories import UserFactory
from tests.helpers import signed_in_client, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_supervisor(team):
    # Supervises nobody in this family: group supervision is the team's.
    return UserFactory(team=team, role=Role.SUPERVISOR, full_name="Gwen Group")


def add(film, practitioner, title, capture, **marks):
    with capture(execute=True):
        clip = actions.add_clip(
            film=film,
            start_ms=0,
            end_ms=2_000,
            title=title,
            principles=["guiding"],
            by=practitioner,
        )
    clip.refresh_from_db()
    if marks:
        clip = actions.change_clip(
            clip=clip,
            start_ms=0,
            end_ms=2_000,
            title=title,
            principles=["guiding"],
            by=practitioner,
            **marks,
        )
    return clip


@pytest.fixture
def clips(film, practitioner, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    return {
        "group": add(film, practitioner, "For the group", capture, for_group_supervision=True),
        "training": add(film, practitioner, "For training", capture, for_training=True),
        "neither": add(film, practitioner, "Just ours", capture),
    }


def test_leads_and_team_supervisors_see_the_marked_clips_and_play_them(
    team_lead, team_supervisor, clips
):
    for person in (team_lead, team_supervisor):
        client = signed_in_client(person)
        page = client.get(reverse("supervision:marked"))
        assert page.status_code == 200
        shown = text(page)
        group, training = shown.split("Training", 1)[0], shown.split("Training", 1)[1]
        assert "For the group" in group and "For training" not in group
        assert "For training" in training
        assert "Just ours" not in shown
        src = re.search(r'<source src="([^"]+)"', page.content.decode()).group(1)
        played = client.get(src.replace("&amp;", "&"), HTTP_RANGE="bytes=0-")
        assert played.status_code == 206
        assert played["Cache-Control"] == "private, no-store"
    assert AuditEvent.objects.filter(action="moment.played").count() == 2


def test_others_get_404(staff_client, practitioner, outsider, clips):
    for person in (practitioner, outsider):
        client = staff_client(person)
        assert client.get(reverse("supervision:marked")).status_code == 404
        play = reverse("supervision:marked_play", args=[clips["group"].public_id])
        assert client.get(play).status_code == 404


def test_an_outsider_lead_sees_nothing_of_another_team(clips):
    other = UserFactory(role=Role.TEAM_LEAD)
    assert marked_clips(other) == {"group": [], "training": []}
    client = signed_in_client(other)
    assert "For the group" not in text(client.get(reverse("supervision:marked")))
    play = reverse("supervision:marked_play", args=[clips["group"].public_id])
    assert client.get(play).status_code == 404


def test_a_clip_goes_the_moment_consent_to_that_use_is_not_in_force(
    team_lead, film, practitioner, clips
):
    client = signed_in_client(team_lead)
    page = client.get(reverse("supervision:marked"))
    src = re.search(r'<source src="([^"]+)"', page.content.decode()).group(1)
    programme = film.programme
    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.GROUP_SUPERVISION],
        reason="Not in a group",
        by=practitioner,
    )
    shown = text(client.get(reverse("supervision:marked")))
    assert "For the group" not in shown and "For training" in shown
    assert client.get(src.replace("&amp;", "&")).status_code == 404


def test_a_mark_left_set_without_consent_is_not_listed(team_lead, film, practitioner, clips):
    # Even if a mark were left behind (the unmarking is a receiver), the page reads
    # the consent itself.
    from films.models import Clip

    programme = film.programme
    withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.TRAINING],
        reason="Not for training",
        by=practitioner,
    )
    Clip.objects.filter(pk=clips["training"].pk).update(for_training=True)
    assert [c.title for c in marked_clips(team_lead)["training"]] == []
    assert [c.title for c in marked_clips(team_lead)["group"]] == ["For the group"]


def test_the_list_takes_a_fixed_number_of_queries(team_lead, clips):
    with CaptureQueriesContext(connection) as queries:
        marked_clips(team_lead)
    assert len(queries) == 5
