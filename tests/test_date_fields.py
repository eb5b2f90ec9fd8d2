"""Every date field takes any text a person (or a robot) can type, and never fails.

The three boxes of an NHS.UK date accept only the numbers 0 to 9 (and month
names). Other digits — "²", Arabic-Indic "٣", fullwidth "１２" — used to reach
``int()`` and crash the page; now they get an error the person can act on.
Each form with a date is tried with any Unicode text (except NUL and lone
surrogates, which PostgreSQL cannot store and browsers never send).
"""

import ast
import datetime
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accounts.forms import AuditTrailFilterForm
from accounts.models import User
from consent.forms import WithdrawalForm
from films.supervision_forms import SessionForm
from referrals.journey import Context
from referrals.models import Route
from referrals.public_forms.children import OtherChildForm
from referrals.public_forms.eligibility import DateOfBirthForm, DueDateForm
from sessions.forms.ending import EndProgrammeForm
from sessions.forms.goals import RatingsForm
from sessions.forms.visits import BookVisitForm, ChangeVisitForm, VisitTimeForm
from tests.factories import ServiceFactory
from tests.helpers import open_programme
from vig_service.forms import DateInputField

ROOT = Path(__file__).resolve().parents[1]
ANY_TEXT = st.text(
    st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=12
)
# Digits and number-like characters of every script, often mixed with 0 to 9, so
# the examples that used to crash come up every run, not once in a blue moon.
NUMBERISH = st.text(
    st.one_of(st.characters(categories=("Nd", "No", "Nl")), st.sampled_from("0123456789 ")),
    max_size=6,
)
PART = st.one_of(ANY_TEXT, NUMBERISH)
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
OTHER_DIGITS = [
    ("²", "3", "2024", ("day",)),
    ("1", "٣", "2024", ("month",)),
    ("1", "3", "２０２４", ("year",)),
    ("１５", "３", "2024", ("day", "month")),
    ("1", "3", "2⁰24", ("year",)),
    ("৫", "3", "2024", ("day",)),
]


@pytest.mark.parametrize(("day", "month", "year", "parts"), OTHER_DIGITS)
def test_other_digits_get_a_kind_error_on_the_boxes_that_have_them(day, month, year, parts):
    field = DateInputField(subject="Date of birth")

    with pytest.raises(ValidationError) as error:
        field.clean([day, month, year])

    assert error.value.messages == ["Date of birth must be written with the numbers 0 to 9"]
    assert error.value.error_list[0].params == {"parts": parts}


@EXAMPLES
@given(day=PART, month=PART, year=PART)
@example(day="²", month="3", year="2024")
def test_the_field_cleans_any_text_to_a_date_or_an_error(day, month, year):
    field = DateInputField(required=False)
    try:
        value = field.clean([day, month, year])
    except ValidationError as error:
        assert all(message.strip() for message in error.messages)
    else:
        assert value is None or isinstance(value, datetime.date)
    field.has_changed(datetime.date(2024, 3, 1), [day, month, year])


# --- Every form with a date ------------------------------------------------------------------


@pytest.fixture
def programme(db, team, team_lead, practitioner):
    service = ServiceFactory()
    team.service = service
    team.save()
    return open_programme(service, team_lead=team_lead, practitioner=practitioner)


def _context(service, route=Route.SELF):
    return Context(service=service, route=route, today=timezone.localdate())


FORMS = {
    "AuditTrailFilterForm": lambda p, data: AuditTrailFilterForm(
        data, colleagues=User.objects.none()
    ),
    "WithdrawalForm": lambda p, data: WithdrawalForm(data, programme=p),
    "RatingsForm": lambda p, data: RatingsForm(data, programme=p, goals=[]),
    "VisitTimeForm": lambda p, data: VisitTimeForm(data, programme=p),
    "BookVisitForm": lambda p, data: BookVisitForm(data, programme=p),
    "ChangeVisitForm": lambda p, data: ChangeVisitForm(data, programme=p),
    "EndProgrammeForm": lambda p, data: EndProgrammeForm(data, programme=p, goals=[]),
    "DateOfBirthForm": lambda p, data: DateOfBirthForm(data, ctx=_context(p.referral.service)),
    "DueDateForm": lambda p, data: DueDateForm(data, ctx=_context(p.referral.service)),
    "OtherChildForm": lambda p, data: OtherChildForm(data, ctx=_context(p.referral.service)),
    "SessionForm": lambda p, data: SessionForm(data, trainees=[p.guider], clips=[]),
}


def forms_declaring_a_date():
    """Names of the form classes in the apps that make a date field."""
    found = set()
    for app in ("accounts", "referrals", "sessions", "consent", "reports", "films"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ClassDef) and any(
                    isinstance(call, ast.Call)
                    and getattr(call.func, "id", getattr(call.func, "attr", ""))
                    in ("DateInputField", "date_field")
                    for call in ast.walk(node)
                ):
                    found.add(node.name)
    return found


def test_every_form_with_a_date_is_tried_here():
    assert forms_declaring_a_date() <= set(FORMS)


def _date_names(form):
    return [name for name, field in form.fields.items() if isinstance(field, DateInputField)]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_date_field_takes_any_text(programme, name):
    build = FORMS[name]
    dates = _date_names(build(programme, None))
    assert dates, f"{name} has no date field"

    @EXAMPLES
    @given(parts=st.lists(st.tuples(PART, PART, PART), min_size=len(dates), max_size=len(dates)))
    @example(parts=[("²", "3", "2024")] * len(dates))
    def bind_anything(parts):
        data = {}
        for date_name, (day, month, year) in zip(dates, parts, strict=True):
            data |= {
                f"{date_name}_day": day,
                f"{date_name}_month": month,
                f"{date_name}_year": year,
            }
        form = build(programme, data)
        form.is_valid()  # a result or errors, never an exception
        for date_name in dates:
            for error in form.errors.get(date_name, []):
                assert isinstance(error, str) and error

    bind_anything()


@pytest.mark.django_db
def test_the_audit_trail_filter_takes_any_text(staff_client, team_lead):
    client = staff_client(team_lead)

    @EXAMPLES
    @given(day=PART, month=PART, year=PART)
    @example(day="²", month="3", year="2026")
    def filter_by_anything(day, month, year):
        response = client.get(
            reverse("accounts:audit_trail"),
            {"date_from_day": day, "date_from_month": month, "date_from_year": year},
        )
        assert response.status_code == 200

    filter_by_anything()


def test_a_plain_form_with_a_date_still_cleans_real_dates():
    class Form(forms.Form):
        when = DateInputField()

    form = Form({"when_day": "1", "when_month": "Dec", "when_year": "2026"})

    assert form.is_valid()
    assert form.cleaned_data["when"] == datetime.date(2026, 12, 1)
