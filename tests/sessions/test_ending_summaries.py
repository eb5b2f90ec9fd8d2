"""Before a programme ends, each visit that took place has its summary written or
skipped, on the record; the closing letter then recalls the summaries written."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.audit.registry import event_type
from accounts.models import AuditEvent
from sessions import actions
from sessions.models import Attendance, EndReason, ProgrammeState, SummarySkip, VisitKind
from tests.helpers import assert_form_error, book, errors, give_consent, happened, url, writes
from tests.helpers import text as page_text

pytestmark = pytest.mark.django_db


def end(programme, by):
    return actions.end_programme(
        programme=programme,
        reason=EndReason.MOVED_AWAY,
        ended_on=timezone.localdate(),
        ending_summary="Sam and Robin moved to another area.",
        by=by,
    )


def write(visit, by, strengths="Lots of eye contact"):
    return actions.write_summary(
        visit=visit, strengths=strengths, points_to_work_on="Wait", next_steps="Film", by=by
    )


def ending_data():
    today = timezone.localdate()
    return {
        "reason": EndReason.MOVED_AWAY,
        "ended_on_day": str(today.day),
        "ended_on_month": str(today.month),
        "ended_on_year": str(today.year),
        "ending_summary": "Sam and Robin moved to another area.",
    }


@pytest.fixture
def visits(programme, practitioner):
    """A filming visit with no summary, a shared review with one, a missed visit."""
    give_consent(programme, practitioner)
    filming = happened(programme, practitioner, kind=VisitKind.FILMING, days=-9)
    review = happened(programme, practitioner, kind=VisitKind.SHARED_REVIEW, days=-2)
    write(review, practitioner, strengths="Waiting for Robin, a warm tone")
    happened(programme, practitioner, days=-1, attendance=Attendance.DID_NOT_ATTEND)
    return filming, review


# --- The rule ------------------------------------------------------------------------


def test_a_visit_without_a_summary_stops_the_ending_until_skipped(programme, practitioner, visits):
    filming, _ = visits
    day = f"{timezone.localdate(filming.starts_at):%-d %B %Y}"
    with pytest.raises(
        actions.ProgrammeError, match=f"Write the summary of the filming visit on {day}"
    ):
        end(programme, practitioner)
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.ACTIVE

    skip = actions.skip_summary(
        visit=filming, reason="Family moved before it was written", by=practitioner
    )
    assert (skip.reason, skip.skipped_by, skip.visit) == (
        "Family moved before it was written",
        practitioner,
        filming,
    )
    assert actions.why_not_end_programme(programme) is None
    end(programme, practitioner)
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.ENDED_EARLY


def test_skipping_is_audited_once_in_words(programme, practitioner, visits):
    filming, _ = visits
    for _ in range(2):
        actions.skip_summary(visit=filming, reason="Not needed", by=practitioner)
    assert SummarySkip.objects.count() == 1
    event = AuditEvent.objects.get(action=actions.AuditAction.SUMMARY_SKIPPED)
    assert event.actor_id == practitioner.pk
    assert event.details == {"visit": filming.pk}
    assert event_type(event.action).label == "Session summary skipped"


def test_only_a_visit_that_took_place_without_a_summary_is_skipped(programme, practitioner, visits):
    _, review = visits
    with pytest.raises(actions.ProgrammeError, match="summary has been written"):
        actions.skip_summary(visit=review, reason="x", by=practitioner)
    coming = book(programme, practitioner, days=3)
    with pytest.raises(actions.ProgrammeError, match="Only a visit that took place"):
        actions.skip_summary(visit=coming, reason="x", by=practitioner)
    with pytest.raises(actions.ProgrammeError, match="Say why"):
        actions.skip_summary(visit=visits[0], reason="  ", by=practitioner)
    assert not SummarySkip.objects.exists()


# --- The pages -----------------------------------------------------------------------


def test_the_ending_page_lists_visits_with_no_summary_to_write_or_skip(
    staff_client, programme, practitioner, visits
):
    filming, review = visits
    response = staff_client(practitioner).get(url("end", programme))
    html = response.content.decode()
    words = page_text(response)
    assert "Each visit that took place needs its summary written" in words
    assert "Visits with no summary" in words
    assert url("visit_summary", programme, filming.public_id) in html
    assert url("summary_skip", programme, filming.public_id) in html
    assert url("summary_skip", programme, review.public_id) not in html
    assert "End programme</button>" not in html  # nothing to press until each is done


def test_skipping_on_the_page_needs_a_reason_then_the_ending_goes_ahead(
    staff_client, programme, practitioner, visits
):
    filming, _ = visits
    client = staff_client(practitioner)
    page = url("summary_skip", programme, filming.public_id)
    assert "Skip the summary" in page_text(client.get(page))
    assert_form_error(client.post(page, {"reason": " "}), "Enter why there is no summary")
    assert not SummarySkip.objects.exists()
    response = client.post(page, {"reason": "Family moved away"}, follow=True)
    assert response.redirect_chain[-1][0] == url("end", programme)
    words = page_text(response)
    assert "No summary for the filming visit on" in words
    assert "End programme" in words
    response = client.post(url("end", programme), ending_data(), follow=True)
    assert response.redirect_chain[-1][0] == url("closing_letter", programme)
    assert "visit.summary_skipped" in writes(programme)


def test_the_visit_and_the_timeline_say_the_summary_was_skipped(
    staff_client, programme, practitioner, visits
):
    filming, _ = visits
    actions.skip_summary(visit=filming, reason="Family moved away", by=practitioner)
    client = staff_client(practitioner)
    visit_page = page_text(client.get(url("visit", programme, filming.public_id)))
    assert "No summary: Alice Guider recorded on" in visit_page
    assert "Why Family moved away" in visit_page
    case = client.get(reverse("programmes:case", args=[programme.reference]))
    timeline = page_text(case).split("Timeline")[-1]
    assert "Session summary skipped" in timeline and "Why: Family moved away" in timeline


def test_a_skipped_summary_is_no_longer_to_do(staff_client, programme, practitioner, visits):
    filming, _ = visits
    client = staff_client(practitioner)
    caseload = page_text(client.get(reverse("programmes:caseload")))
    assert "1 summary to write" in caseload
    actions.skip_summary(visit=filming, reason="Family moved away", by=practitioner)
    caseload = page_text(client.get(reverse("programmes:caseload")))
    assert "summary to write" not in caseload
    case = client.get(reverse("programmes:case", args=[programme.reference])).content.decode()
    assert url("visit_summary", programme, filming.public_id) not in case


def test_a_supervisor_may_not_skip(staff_client, team, team_lead):
    from tests.helpers import supervised_family

    programme, trainee, supervisor = supervised_family(team, team_lead)
    visit = happened(programme, trainee, days=-1)
    page = url("summary_skip", programme, visit.public_id)
    client = staff_client(supervisor)
    assert client.get(page).status_code == 403
    assert client.post(page, {"reason": "x"}).status_code == 403
    assert not SummarySkip.objects.exists()


# --- The closing letter --------------------------------------------------------------


def test_the_closing_letter_recalls_each_summary_written_by_email_and_on_paper(
    staff_client, programme, practitioner, visits, mailoutbox, django_capture_on_commit_callbacks
):
    filming, review = visits
    actions.skip_summary(visit=filming, reason="Family moved away", by=practitioner)
    end(programme, practitioner)
    client = staff_client(practitioner)
    letter = page_text(client.get(url("closing_letter", programme)))
    review_day = f"{timezone.localdate(review.starts_at):%-d %B %Y}"
    filming_day = f"{timezone.localdate(filming.starts_at):%-d %B %Y}"
    assert "What went well in our sessions" in letter
    assert f"{review_day}: Waiting for Robin, a warm tone" in letter
    assert f"{filming_day}:" not in letter
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("closing_letter", programme), {"method": "email"})
    assert f"{review_day}: Waiting for Robin, a warm tone" in mailoutbox[0].body
    assert errors(client.get(url("closing_letter", programme))) == []
