"""What tests share: reading a page, and making families in a known state.

Families are made through the actions, as the pages will find them in real
use. The standing people and families as fixtures (``practitioner``,
``team_lead``, ``outsider``, ``colleague``, ``programme``, ``goal``…) are in
tests/conftest.py.
"""

import re
import uuid
from datetime import date, datetime, timedelta
from html import unescape

from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccreditationStage, AuditEvent, Role
from consent.actions import record_consent, withdraw_consent
from consent.models import ConsentFormVersion, Method, Scope
from referrals import actions as referral_actions
from referrals.actions import CaregiverDetails, ChildDetails, ReferralDetails, submit_referral
from referrals.codes import ReferralSource
from referrals.models import Route
from sessions import actions
from sessions.models import Attendance, RatingWhen, VisitKind
from tests.factories import UserFactory

# --- Reading a page ----------------------------------------------------------------------


def _words(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def text(response):
    """The page's visible words, tags stripped and spaces squeezed, for assertions."""
    return _words(response.content.decode())


def main_text(response):
    """The words of the page's ``<main>`` only (not the header, footer or title)."""
    html = response.content.decode()
    return _words(html[html.index("<main") : html.index("</main>")])


def errors(response):
    """The messages in the page's error summary, in order; [] when it has none."""
    html = response.content.decode()
    summary = re.search(r'nhsuk-error-summary__list">(.*?)</ul>', html, flags=re.S)
    if not summary:
        return []
    items = re.findall(r"<li>(.*?)</li>", summary.group(1), flags=re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", item)).split()) for item in items]


def error_summary_html(response):
    """The error summary's markup, from its start to the end of its list."""
    html = response.content.decode()
    start = html.index("nhsuk-error-summary")
    return html[start : html.index("</ul>", start)]


def assert_form_error(response, message):
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert message in errors(response), errors(response)


# --- Signing in --------------------------------------------------------------------------


def sign_in_fully(client, user):
    """Sign ``client`` in as ``user`` with a confirmed TOTP device verified."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


# --- Referrals -----------------------------------------------------------------------------


def make_referral(
    service,
    *,
    route=Route.SELF,
    last_name="Jones",
    postcode="SK1 3XE",
    date_of_birth=date(2025, 6, 1),
    due_date=None,
    nhs_number="",
    email="sam.jones@family.invalid",
    preferred_contact="email",
    safe_to_leave_message=None,
    **details,
):
    children = [
        ChildDetails(
            first_name="Robin",
            last_name=last_name,
            date_of_birth=None if due_date else date_of_birth,
            due_date=due_date,
            nhs_number=nhs_number,
        )
    ]
    if route == Route.PROFESSIONAL:
        details = {
            "referrer_name": "Pat Midwife",
            "referrer_role": "Midwife",
            "referrer_organisation": "Northmoor Maternity",
            "referrer_email": "pat.midwife@nhs.invalid",
            "referrer_phone": "01614960000",
            "family_agreed": True,
            "relationship_need": "Finding it hard to feel close to the baby.",
            **details,
        }
    referral, _ = submit_referral(
        service=service,
        route=route,
        source=ReferralSource.SELF if route == Route.SELF else ReferralSource.MIDWIFE,
        caregiver=CaregiverDetails(
            first_name="Sam",
            last_name=last_name,
            relationship="mother",
            postcode=postcode,
            phone="07700900982",
            email=email,
            preferred_contact=preferred_contact,
            safe_to_leave_message=safe_to_leave_message,
        ),
        details=ReferralDetails(
            help_wanted="I want to feel more confident with my baby.",
            children=children,
            **details,
        ),
        submission_key=uuid.uuid4(),
    )
    return referral


# --- Programmes and consent ------------------------------------------------------------

CONSENT_TEXT = (
    "We would like to film you and your baby for a few minutes, so that we can watch the "
    "film together. You can ask us to stop filming at any time."
)


def consent_form(service, version="1.0", effective_from=date(2026, 1, 1)):
    form, _ = ConsentFormVersion.objects.get_or_create(
        service=service,
        version=version,
        defaults={"effective_from": effective_from, "text": CONSENT_TEXT},
    )
    return form


def open_programme(service, *, team_lead, practitioner, **referral_kwargs):
    referral = make_referral(service, **referral_kwargs)
    referral_actions.triage(referral=referral, decision="accept", priority=1, by=team_lead)
    referral_actions.allocate(referral=referral, practitioner=practitioner, by=team_lead)
    referral.refresh_from_db()
    return referral.programme


def supervised_family(team, team_lead, **referral_kwargs):
    """A trainee guider's family, with the trainee's VIG supervisor.

    Returns ``(programme, trainee, supervisor)``.
    """
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR, full_name="Sue Supervisor")
    trainee = UserFactory(
        team=team,
        full_name="Tom Trainee",
        accreditation_stage=AccreditationStage.STAGE_1,
        supervisor=supervisor,
    )
    programme = open_programme(
        team.service, team_lead=team_lead, practitioner=trainee, **referral_kwargs
    )
    return programme, trainee, supervisor


def give_consent(programme, by, *, yes=True, except_scopes=()):
    consent_form(programme.referral.service)
    caregiver = programme.referral.caregivers.first()
    answers = {scope: (yes and scope not in except_scopes) for scope in Scope.values}
    return record_consent(
        programme=programme,
        caregiver=caregiver,
        answers=answers,
        method=Method.SIGNED_ON_SCREEN,
        signed_name=caregiver.full_name,
        by=by,
    )


def withdraw_filming(programme, by):
    return withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.FILMING],
        reason="Feels awkward on camera",
        by=by,
    )


# --- Visits ------------------------------------------------------------------------------


def at(days=1, hour=10, minute=0):
    """An aware datetime ``days`` from today at ``hour:minute`` local time."""
    day = timezone.localdate() + timedelta(days=days)
    tz = timezone.get_current_timezone()
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def book(programme, by, *, kind=VisitKind.OTHER, days=1, hour=10, **kwargs):
    return actions.book_visit(
        programme=programme, kind=kind, starts_at=at(days, hour), place="home", by=by, **kwargs
    )


def happened(programme, by, *, kind=VisitKind.OTHER, days=-1, hour=10, **kwargs):
    """A past visit with its outcome recorded (attended unless ``attendance`` says)."""
    attendance = kwargs.pop("attendance", Attendance.ATTENDED)
    visit = book(programme, by, kind=kind, days=days, hour=hour, **kwargs)
    return actions.record_outcome(visit=visit, attendance=attendance, by=by)


def attended(programme, by, *, kind=VisitKind.OTHER, days=-1, hour=10):
    return happened(programme, by, kind=kind, days=days, hour=hour)


def past_visit(programme, by, *, kind=VisitKind.OTHER, days=-1, hour=10, attendance=None):
    """A visit booked in the past; with ``attendance``, its outcome recorded too."""
    if attendance is not None:
        return happened(programme, by, kind=kind, days=days, hour=hour, attendance=attendance)
    return book(programme, by, kind=kind, days=days, hour=hour)


def busy_family(programme, by, *, visits=2, start_days=-60):
    """A family well into the programme: consent, two goals with ratings, and
    ``visits`` past visits that alternate filming and shared review, each with a
    summary, a review or ratings. ``visits`` grows every list on the case page."""
    give_consent(programme, by)
    goals = [
        actions.add_goal(
            programme=programme,
            text="Feel more confident with my baby",
            helping_question="What am I doing that helps us feel close?",
            by=by,
        ),
        actions.add_goal(
            programme=programme,
            text="Enjoy bath time together",
            helping_question="What helps bath time go well?",
            by=by,
        ),
    ]
    actions.rate_goals(
        programme=programme,
        scores={goals[0].pk: 2, goals[1].pk: 4},
        when=RatingWhen.BASELINE,
        rated_on=timezone.localdate(at(start_days - 1)),
        by=by,
    )
    last_filming = None
    for n in range(visits):
        kind = VisitKind.FILMING if n % 2 == 0 else VisitKind.SHARED_REVIEW
        visit = happened(programme, by, kind=kind, days=start_days + n, hour=9 + n % 8)
        if kind == VisitKind.FILMING:
            last_filming = visit
        else:
            actions.record_shared_review(
                visit=visit,
                parent_noticed="How she waited for him",
                strengths="Warm tone, waiting",
                filming_visit=last_filming,
                scores={goals[0].pk: min(10, 3 + n), goals[1].pk: 5},
                by=by,
            )
        actions.write_summary(
            visit=visit,
            strengths="Lots of eye contact",
            points_to_work_on="Waiting a little longer",
            next_steps="Film at bath time",
            by=by,
        )
    return goals


# --- A programme's pages and audit trail ------------------------------------------------


def url(name, programme, *args):
    return reverse(f"programmes:{name}", args=[programme.reference, *args])


def writes(programme):
    """The audit events that record a change to the family's programme (not views)."""
    return list(
        AuditEvent.objects.filter(family_reference=programme.reference)
        .exclude(action=actions.AuditAction.VIEWED)
        .values_list("action", flat=True)
    )


def views(programme):
    return AuditEvent.objects.filter(
        family_reference=programme.reference, action=actions.AuditAction.VIEWED
    ).count()


# --- Email that goes once ----------------------------------------------------------------


def mail_server_fails_once(monkeypatch):
    """The next email fails (the server hangs up), as a task's first try might;
    later ones go to the outbox. Returns the list of attempts, one per try."""
    import smtplib

    from django.core.mail import send_mail

    attempts = []

    def flaky(**kwargs):
        attempts.append(kwargs["recipient_list"])
        if len(attempts) == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return send_mail(**kwargs)

    monkeypatch.setattr("vig_service.mail.send_mail", flaky)
    return attempts


def signed_in_client(user):
    """A separate, fully signed-in client (for a second person in one test)."""
    from django.test import Client

    return sign_in_fully(Client(), user)
