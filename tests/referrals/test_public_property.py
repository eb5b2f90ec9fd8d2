"""Arbitrary input at every public form: never a server error, never a partial record.

For each page of both journeys we answer the pages before it correctly, keep that
session state, and then, for each generated example, put the state back and post
whatever Hypothesis makes up: the page's own field names with random text or
plausible values, sometimes missing, plus stray fields.
"""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals.journey import FLOWS, Context
from referrals.models import Caregiver, Child, Referral, Route
from referrals.public_forms import OtherChildForm, ServiceChoiceForm
from tests.factories import ServiceFactory
from tests.referrals.test_public_journey import (
    date_data,
    self_steps,
    today,
    unborn_steps,
    until,
    url,
    walk,
    with_born,
)
from tests.referrals.test_public_professional import professional_steps
from vig_service.forms import DateInputField

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TEXT = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=300)
PLAUSIBLE = st.sampled_from(
    ["", "yes", "no", "1", "12", "2025", "0", "-1", "other", "white", "A", "Z", "phone",
     "email", "text", "mother", "A4", "M6", "SK1 3XE", "07700900982", "a@b.uk", "9434765919"]
)  # fmt: skip
# Digits of every script ("²", "٣", "１２"), so date boxes meet them often.
NUMBERISH = st.text(
    st.one_of(st.characters(categories=("Nd", "No")), st.sampled_from("0123456789")), max_size=6
)
VALUE = st.one_of(TEXT, PLAUSIBLE, NUMBERISH)


def field_keys(form):
    keys = []
    for name, field in form.fields.items():
        if isinstance(field, DateInputField):
            keys += [f"{name}_day", f"{name}_month", f"{name}_year"]
        else:
            keys.append(name)
    return keys


def submissions(keys):
    """Any subset of the page's fields with any values, plus a few stray fields."""
    own = st.fixed_dictionaries({}, optional=dict.fromkeys(keys, VALUE))
    stray = st.dictionaries(st.text(min_size=1, max_size=20), TEXT, max_size=3)
    return st.tuples(own, stray).map(lambda pair: {**pair[1], **pair[0]})


def assert_no_partial_records():
    referrals = Referral.objects.count()
    assert Caregiver.objects.count() == referrals
    assert Child.objects.filter(referral__isnull=True).count() == 0
    assert Referral.objects.filter(children__isnull=True).count() == 0
    assert Referral.objects.filter(status_changes__isnull=True).count() == 0


def _self_variants():
    with_other = with_born(
        self_steps(relationship={"relationship": "other", "relationship_other": "Aunt"})
    )
    unborn = unborn_steps(today())
    return with_other, unborn


def _professional_variant():
    return professional_steps(
        **{
            "about-you": {"referrer_role": "M6", "referrer_role_other": "Family support worker"},
            "eligibility": {"born": "yes"},
            "risks": {"safeguarding": "yes", "safeguarding_concerns": "A plan is in place."},
        }
    )


def _targets():
    with_other, unborn = _self_variants()
    targets = [(Route.SELF, name, with_other) for name, _ in with_other]
    targets.append((Route.SELF, "child", unborn))
    professional = _professional_variant()
    targets += [(Route.PROFESSIONAL, name, professional) for name, _ in professional]
    return targets


TARGETS = _targets()


@pytest.fixture
def service():
    return ServiceFactory(accepts_unborn=True, requires_relationship_need=True)


@pytest.fixture
def no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


def prepared(client, service, route, steps, page):
    client.get(url(service, steps[0][0], route))  # starts the journey
    walk(client, service, until(steps, page), route)
    return copy.deepcopy(client.session[f"vig.referral.{route}.{service.pk}"])


def restore(client, service, route, state):
    session = client.session
    session[f"vig.referral.{route}.{service.pk}"] = copy.deepcopy(state)
    session.save()


def form_for(service, route, page, steps):
    step = next(s for s in FLOWS[route] if s.name == page)
    born = dict(steps).get("born", {"born": "yes"})["born"] == "yes"
    ctx = Context(
        service=service,
        route=route,
        today=today(),
        answers={"ethnic_group": "white", "phone": "07700900982", "email": "a@b.uk", "born": born},
    )
    return step.form_class(ctx=ctx)


@pytest.mark.usefixtures("no_rate_limits")
@pytest.mark.parametrize(
    "route, page, steps", TARGETS, ids=[f"{route}-{page}" for route, page, _ in TARGETS]
)
def test_any_answer_to_any_question_is_handled(client, service, route, page, steps):
    state = prepared(client, service, route, steps, page)
    keys = field_keys(form_for(service, route, page, steps))
    address = url(service, page, route)

    @EXAMPLES
    @given(data=submissions(keys), change=st.booleans())
    def post_anything(data, change):
        restore(client, service, route, state)
        response = client.post(address + ("?change=1" if change else ""), data)
        assert response.status_code in (200, 302)
        assert Referral.objects.count() == 0
        assert Caregiver.objects.count() == Child.objects.count() == 0

    post_anything()


@pytest.mark.usefixtures("no_rate_limits")
def test_any_answer_about_another_child_is_handled(client, service):
    state = prepared(client, service, Route.SELF, self_steps(), "other-children")
    keys = field_keys(OtherChildForm(ctx=Context(service, Route.SELF, today())))

    @EXAMPLES
    @given(data=submissions(keys), index=st.sampled_from(["", "0/", "0/remove/", "7/"]))
    def post_anything(data, index):
        restore(client, service, Route.SELF, state)
        client.post(
            url(service, "another-child"),
            {"first_name": "Alex", **date_data("date_of_birth", today())},
        )
        response = client.post(url(service, "another-child") + index, data)
        assert response.status_code in (200, 302, 404)
        assert Referral.objects.count() == 0

    post_anything()


@pytest.mark.usefixtures("no_rate_limits")
def test_any_choice_of_service_is_handled(client, service):
    ServiceFactory()
    keys = field_keys(ServiceChoiceForm(services=[service]))

    @EXAMPLES
    @given(data=submissions(keys), route=st.sampled_from(["", "professional/"]))
    def post_anything(data, route):
        response = client.post(f"/refer/{route}", data)
        assert response.status_code in (200, 302)

    post_anything()


@pytest.mark.usefixtures("no_rate_limits")
@pytest.mark.parametrize("route", [Route.SELF, Route.PROFESSIONAL])
def test_any_final_submission_makes_one_whole_referral_or_none(client, service, route):
    steps = with_born(self_steps()) if route == Route.SELF else _professional_variant()
    walk(client, service, steps, route)
    state = copy.deepcopy(client.session[f"vig.referral.{route}.{service.pk}"])

    @EXAMPLES
    @given(data=submissions(["website"]))
    def send_anything(data):
        restore(client, service, route, state)
        response = client.post(url(service, "check-your-answers", route), data)
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            assert data.get("website", "").strip()
        assert Referral.objects.count() <= 1  # one submission key: one referral at most
        assert_no_partial_records()

    send_anything()
