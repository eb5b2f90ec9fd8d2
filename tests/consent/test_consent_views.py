"""Recording and withdrawing consent through the pages, the confirmation that
follows a withdrawal (email or printed letter), and the consent history."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from consent.actions import AuditAction as ConsentAudit
from consent.models import ConsentFormVersion, ConsentRecord, Kind, Method, Scope
from consent.presenters import text_blocks
from consent.queries import allowed_now
from consent.views import withdrawal_stamp
from referrals.models import Caregiver
from sessions import actions
from sessions.actions import AuditAction
from sessions.models import EndReason, VisitKind
from tests.helpers import (
    CONSENT_TEXT,
    book,
    consent_form,
    errors,
    give_consent,
    open_programme,
    text,
)
from vig_service import demo

pytestmark = pytest.mark.django_db

ALL_YES = {f"scope_{scope}": "yes" for scope in Scope.values}


@pytest.fixture
def programme(programme):
    consent_form(programme.referral.service, "2.1")
    return programme


@pytest.fixture
def guider(staff_client, practitioner):
    """The family's guider, signed in."""
    return staff_client(practitioner)


def record_url(programme):
    return reverse("programmes:consent_record", args=[programme.reference])


def withdraw_url(programme):
    return reverse("programmes:consent_withdraw", args=[programme.reference])


def second_caregiver(programme):
    return Caregiver.objects.create(
        referral=programme.referral,
        first_name="Alex",
        last_name="Jones",
        relationship="father",
        postcode="SK1 3XE",
    )


# --- Recording consent ------------------------------------------------------------


def test_the_page_shows_the_current_consent_form(guider, programme):
    response = guider.get(record_url(programme))
    assert response.status_code == 200
    words = text(response)
    assert "Consent form, version 2.1" in words
    assert CONSENT_TEXT in words
    assert "Do they agree to being filmed?" in words
    # One parent or carer: no need to ask who.
    assert "Who is giving consent?" not in words


def test_the_consent_form_keeps_its_paragraphs_however_its_lines_were_wrapped(
    guider, team, team_lead, practitioner
):
    """Text wrapped at 80 characters (as the demo's is) reads as whole paragraphs."""
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    ConsentFormVersion.objects.create(
        service=team.service, version="3.0", effective_from=date(2026, 2, 1), text=demo.CONSENT_TEXT
    )
    html = guider.get(record_url(programme)).content.decode()
    consent_text = html.split("app-consent-text")[1].split("</div>")[0]
    assert "<br" not in consent_text
    paragraphs = re.findall(r"<p>(.*?)</p>", consent_text, re.S)
    assert paragraphs[0] == "About filming"
    assert paragraphs[1].startswith("Your practitioner would like to film you and your baby for a")
    assert "for a few minutes, at a time and place you choose." in paragraphs[1]
    assert "\n" not in "".join(paragraphs)
    assert len(paragraphs) == 4


def test_consent_form_text_in_paragraphs_and_lists():
    blocks = text_blocks(
        "Before we film\r\n\r\nWe will ask you\nfirst.\n\n\n- to choose a time\n"
        "- to choose a place\n\n  \n"
    )
    assert [(b.text, b.items) for b in blocks] == [
        ("Before we film", ()),
        ("We will ask you first.", ()),
        ("", ("to choose a time", "to choose a place")),
    ]


def test_without_a_consent_form_the_page_says_to_ask_an_administrator(
    staff_client, team, team_lead, practitioner
):
    programme = open_programme(team.service, team_lead=team_lead, practitioner=practitioner)
    guider = staff_client(practitioner)
    response = guider.get(record_url(programme))
    assert "Ask a service administrator" in text(response)
    assert f'action="{record_url(programme)}"' not in response.content.decode()
    guider.post(record_url(programme), {**ALL_YES, "method": Method.PAPER})
    assert not ConsentRecord.objects.exists()


def test_an_empty_form_asks_for_every_answer(guider, programme):
    response = guider.post(record_url(programme), {})
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert errors(response) == [
        "Select yes or no for being filmed",
        "Select yes or no for keeping the film for the programme",
        "Select yes or no for showing clips to the vig supervisor",
        "Select yes or no for showing clips in group supervision with other trainees",
        "Select yes or no for using clips in training or presentations",
        "Select how consent was given",
    ]
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"method": Method.SIGNED_ON_SCREEN}, "Enter the name the parent or carer typed to sign"),
        (
            {"method": Method.SIGNED_ON_SCREEN, "signed_name": "   "},
            "Enter the name the parent or carer typed to sign",
        ),
        ({"method": Method.VERBAL}, "Enter the name of the witness to verbal consent"),
        ({"method": "shrug"}, "Select how consent was given"),
        ({"method": Method.PAPER, "scope_filming": "maybe"}, "Select yes or no for being filmed"),
        ({"method": Method.PAPER, "visit": "999999"}, "Select a visit with this family"),
        (
            {"method": Method.PAPER, "signed_name": "x" * 201},
            "Typed name must be 200 characters or fewer",
        ),
    ],
)
def test_each_answer_is_checked_with_a_message_to_put_it_right(guider, programme, data, message):
    response = guider.post(record_url(programme), {**ALL_YES, **data})
    assert errors(response) == [message]
    assert not ConsentRecord.objects.exists()


def test_a_family_with_two_carers_is_asked_who_is_giving_consent(guider, programme):
    alex = second_caregiver(programme)
    response = guider.get(record_url(programme))
    assert "Who is giving consent?" in text(response)
    response = guider.post(record_url(programme), {**ALL_YES, "method": Method.PAPER})
    assert errors(response) == ["Select the parent or carer"]
    guider.post(
        record_url(programme), {**ALL_YES, "method": Method.PAPER, "caregiver": str(alex.pk)}
    )
    assert set(ConsentRecord.objects.values_list("caregiver", flat=True)) == {alex.pk}


def test_consent_signed_on_screen_is_recorded_for_each_scope(guider, programme, practitioner):
    meeting = book(programme, practitioner, kind=VisitKind.FIRST_MEETING, days=-1)
    data = {
        **ALL_YES,
        "scope_training": "no",
        "scope_group_supervision": "no",
        "method": Method.SIGNED_ON_SCREEN,
        "signed_name": "Sam Jones",
        "witness_name": "ignored for on-screen signing",
        "visit": str(meeting.pk),
    }
    response = guider.post(record_url(programme), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("programmes:case", args=[programme.reference])
    assert "Consent recorded for Sam Jones" in text(response)
    records = ConsentRecord.objects.filter(programme=programme)
    assert records.count() == len(Scope.values)
    assert {r.scope: r.granted for r in records} == {
        Scope.FILMING: True,
        Scope.KEEP_FILM: True,
        Scope.SUPERVISOR: True,
        Scope.GROUP_SUPERVISION: False,
        Scope.TRAINING: False,
    }
    first = records.first()
    assert (first.method, first.signed_name, first.witness_name) == (
        Method.SIGNED_ON_SCREEN,
        "Sam Jones",
        "",
    )
    assert first.form_version.version == "2.1"
    assert first.visit == meeting
    assert first.recorded_by == practitioner
    assert AuditEvent.objects.filter(action=ConsentAudit.RECORDED).count() == 1
    # The case page now shows it.
    assert "Being filmed Yes" in text(response)
    assert "Using clips in training or presentations No" in text(response)


def test_verbal_consent_keeps_the_witness(guider, programme):
    guider.post(
        record_url(programme),
        {**ALL_YES, "method": Method.VERBAL, "witness_name": "Priya Interpreter"},
    )
    assert set(ConsentRecord.objects.values_list("witness_name", flat=True)) == {
        "Priya Interpreter"
    }


def test_answering_again_makes_new_records_and_keeps_the_old(guider, programme, practitioner):
    give_consent(programme, practitioner)
    guider.post(record_url(programme), {**ALL_YES, "scope_filming": "no", "method": Method.PAPER})
    assert ConsentRecord.objects.count() == 2 * len(Scope.values)
    assert allowed_now(programme)[Scope.FILMING] is False


def test_consent_cannot_be_recorded_once_the_programme_has_ended(guider, programme, practitioner):
    actions.end_programme(
        programme=programme,
        reason=EndReason.COMPLETED,
        ended_on=timezone.localdate(),
        ending_summary="Done.",
        by=practitioner,
    )
    page = guider.get(record_url(programme))
    assert "This programme has ended" in text(page)
    response = guider.post(record_url(programme), {**ALL_YES, "method": Method.PAPER}, follow=True)
    assert "consent can&#x27;t be changed now" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_the_team_lead_can_record_consent_too(staff_client, programme, team_lead):
    staff_client(team_lead).post(record_url(programme), {**ALL_YES, "method": Method.PAPER})
    assert set(ConsentRecord.objects.values_list("recorded_by", flat=True)) == {team_lead.pk}


def test_showing_the_form_and_its_errors_is_audited_as_a_view_of_the_case(guider, programme):
    guider.get(record_url(programme))
    guider.post(record_url(programme), {})
    assert AuditEvent.objects.filter(action=AuditAction.VIEWED).count() == 2


# --- Withdrawing consent ----------------------------------------------------------


@pytest.fixture
def consented(programme, practitioner):
    give_consent(programme, practitioner)
    return programme


def test_the_withdrawal_page_shows_what_is_agreed_now(guider, consented):
    words = text(guider.get(withdraw_url(consented)))
    assert "Being filmed Yes" in words
    assert "What do they want to stop?" in words
    assert "All of them: stop everything" in words


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select what the parent or carer wants to stop"),
        ({"scopes": ["everything"]}, "Select what the parent or carer wants to stop"),
        (
            {"scopes": ["filming"], "effective_on_day": "", "effective_on_month": ""},
            "Enter the date they asked to stop",
        ),
        (
            {"scopes": ["filming"], "effective_on_day": "31", "effective_on_month": "2"},
            "Date they asked to stop must be a real date",
        ),
        (
            {"scopes": ["filming"], "effective_on_month": ""},
            "Date they asked to stop must include a month",
        ),
        ({"scopes": ["filming"], "reason": "x" * 2001}, "Reason must be 2,000 characters or fewer"),
    ],
)
def test_each_withdrawal_answer_is_checked(guider, consented, data, message):
    today = timezone.localdate()
    form = {
        "effective_on_day": str(today.day),
        "effective_on_month": str(today.month),
        "effective_on_year": str(today.year),
        **data,
    }
    if "effective_on_day" in data and data["effective_on_day"] == "":
        form["effective_on_year"] = ""
    response = guider.post(withdraw_url(consented), form)
    assert errors(response) == [message]
    assert not ConsentRecord.objects.filter(kind=Kind.WITHDRAWN).exists()


def test_a_withdrawal_cannot_be_dated_in_the_future(guider, consented):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = guider.post(
        withdraw_url(consented),
        {
            "scopes": ["filming"],
            "effective_on_day": str(tomorrow.day),
            "effective_on_month": str(tomorrow.month),
            "effective_on_year": str(tomorrow.year),
        },
    )
    assert errors(response) == ["Date they asked to stop must be today or in the past"]


def withdraw(client, programme, scopes, **extra):
    today = timezone.localdate()
    data = {
        "scopes": scopes,
        "effective_on_day": str(today.day),
        "effective_on_month": str(today.month),
        "effective_on_year": str(today.year),
        **extra,
    }
    return client.post(withdraw_url(programme), data, follow=True)


def test_withdrawing_filming_stops_it_lists_visits_and_emails_the_parent(
    guider, consented, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    filming = book(consented, practitioner, kind=VisitKind.FILMING, days=3)
    other = book(consented, practitioner, kind=VisitKind.OTHER, days=4)
    with django_capture_on_commit_callbacks(execute=True):
        response = withdraw(guider, consented, ["filming"], reason="Not comfortable on camera")
    assert response.status_code == 200
    record = ConsentRecord.objects.get(kind=Kind.WITHDRAWN)
    assert (record.scope, record.reason, record.recorded_by) == (
        Scope.FILMING,
        "Not comfortable on camera",
        practitioner,
    )
    assert response.redirect_chain[-1][0] == reverse(
        "programmes:consent_withdrawn",
        args=[consented.reference, withdrawal_stamp(record.recorded_at)],
    )
    words = text(response)
    assert "Consent withdrawn" in words
    assert "What has stopped Being filmed" in words
    assert "Filming is not allowed" in words
    html = response.content.decode()
    assert str(filming.public_id) in html and str(other.public_id) not in html
    assert "The rest of the family's care carries on" in words.replace("&#x27;", "'")
    assert "We have sent a confirmation email to Sam Jones at sam.jones@family.invalid" in words
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["sam.jones@family.invalid"]
    assert "Being filmed" in mailoutbox[0].body
    assert allowed_now(consented)[Scope.FILMING] is False
    assert allowed_now(consented)[Scope.KEEP_FILM] is True
    # The case page warns and the other visit is still there to go ahead.
    case = guider.get(reverse("programmes:case", args=[consented.reference]))
    assert "Filming is not allowed" in text(case)


def test_all_of_them_withdraws_every_scope(guider, consented):
    response = withdraw(guider, consented, ["all"])
    stopped = set(ConsentRecord.objects.filter(kind=Kind.WITHDRAWN).values_list("scope", flat=True))
    assert stopped == set(Scope.values)
    assert not any(allowed_now(consented).values())
    assert "Using clips in training or presentations" in text(response)


def test_a_family_without_email_gets_a_printable_letter(
    guider, team, team_lead, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, email=""
    )
    give_consent(programme, practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        response = withdraw(guider, programme, ["training", "group_supervision"])
    assert not mailoutbox
    record = ConsentRecord.objects.filter(kind=Kind.WITHDRAWN).first()
    letter_url = reverse(
        "programmes:consent_withdrawal_letter",
        args=[programme.reference, withdrawal_stamp(record.recorded_at)],
    )
    assert "Sam Jones has no email address" in text(response)
    assert letter_url in response.content.decode()
    letter = guider.get(letter_url)
    words = text(letter)
    assert "We have recorded that you withdrew consent" in words
    assert "Dear Sam," in words
    assert "Showing clips in group supervision with other trainees" in words
    assert "Using clips in training or presentations" in words
    assert "We will not film you again" not in words
    assert "This does not change the rest of the care you get from us" in words
    assert programme.reference in words
    assert "app-no-print" in letter.content.decode()


def test_a_second_carer_chooses_who_withdraws(guider, consented, practitioner):
    alex = second_caregiver(consented)
    response = guider.post(withdraw_url(consented), {"scopes": ["filming"]})
    assert "Select the parent or carer" in errors(response)
    withdraw(guider, consented, ["filming"], caregiver=str(alex.pk))
    assert ConsentRecord.objects.get(kind=Kind.WITHDRAWN).caregiver == alex


# --- History ---------------------------------------------------------------------


def test_history_lists_every_answer_and_withdrawal_newest_first(guider, consented, practitioner):
    withdraw(guider, consented, ["filming"], reason="Changed her mind")
    response = guider.get(reverse("programmes:consent_history", args=[consented.reference]))
    html = response.content.decode()
    words = text(response)
    withdrew = words.index("Sam Jones withdrew consent")
    answered = words.index("Sam Jones answered the consent form")
    assert withdrew < answered
    assert "Reason Changed her mind" in words
    assert "Consent form Version 1.0" in words  # give_consent used the helper's form
    assert "How it was given Signed on screen (typed name)" in words
    assert "Typed name Sam Jones" in words
    assert "Recorded by Alice Guider" in words
    today = f"{timezone.localdate():%-d %b %Y}"
    # What happened, not which rows are "still in force".
    assert f"Withdrawn on {today} — filming Recorded by" in words
    assert (
        f"Agreed on {today} — filming, keeping the film, showing clips to the VIG supervisor, "
        f"showing clips in group supervision and using clips in training" in words
    )
    assert f"Since then: filming withdrawn on {today}" in words
    assert "in force" not in words.lower() and "replaced" not in words
    assert html.count('class="nhsuk-list app-consent-history"') == 2  # one for each


def test_history_says_what_was_not_agreed_and_what_changed_later(guider, programme, practitioner):
    give_consent(programme, practitioner, except_scopes=[Scope.TRAINING, Scope.GROUP_SUPERVISION])
    withdraw(guider, programme, ["filming", "keep_film"])
    words = text(guider.get(reverse("programmes:consent_history", args=[programme.reference])))
    today = f"{timezone.localdate():%-d %b %Y}"
    withdrawn = words.index("Sam Jones withdrew consent")
    answered = words.index("Sam Jones answered the consent form")
    assert withdrawn < answered
    assert f"Withdrawn on {today} — filming and keeping the film" in words[withdrawn:answered]
    given = words[answered:]
    assert (
        f"Agreed on {today} — filming, keeping the film and showing clips to the VIG supervisor"
        in given
    )
    assert (
        f"Not agreed on {today} — showing clips in group supervision and using clips in training"
        in given
    )
    assert f"Since then: filming and keeping the film withdrawn on {today}" in given


def test_history_with_nothing_recorded_says_so(guider, programme):
    response = guider.get(reverse("programmes:consent_history", args=[programme.reference]))
    assert "No consent has been recorded for this family yet." in text(response)
