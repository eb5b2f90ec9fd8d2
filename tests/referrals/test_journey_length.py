"""How many pages a referral takes, measured by a robot that answers every question it
is asked (``journey_driver``), so the journeys cannot quietly grow longer.

A page is every page the person is shown, from the journey's start page to the one
with the reference: the start page, each question page, "Check your answers" and
the confirmation. Limits: 10 for a professional referring a family with one child;
20 for a parent with one child, and at most 4 more for each further child.
"""

import pytest

from referrals.models import Referral, Route
from tests.factories import ServiceFactory
from tests.referrals.journey_driver import Driver

pytestmark = pytest.mark.django_db

LIMITS = {
    (Route.PROFESSIONAL, 1): 10,
    (Route.SELF, 1): 20,
    (Route.SELF, 2): 24,
}


@pytest.fixture(params=[False, True], ids=["born-only", "takes-unborn"])
def service(request):
    """The longest journeys: a service that asks whether the child is born, and one that
    does not; both asking for the relationship need."""
    return ServiceFactory(accepts_unborn=request.param, requires_relationship_need=True)


def start_url(service, route):
    prefix = "/refer/professional/" if route == Route.PROFESSIONAL else "/refer/"
    return f"{prefix}{service.slug}/"


@pytest.mark.parametrize(
    "route, children",
    [(Route.PROFESSIONAL, 1), (Route.PROFESSIONAL, 2), (Route.SELF, 1), (Route.SELF, 2)],
)
def test_a_referral_takes_no_more_pages_than_its_limit(
    client, service, route, children, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        driver = Driver(client, start_url(service, route), children=children).run()
    print(driver.report(f"{route}, {children} child{'ren' if children > 1 else ''}"))
    referral = Referral.objects.get()
    assert driver.reference == referral.reference
    assert referral.children.count() == children
    limit = LIMITS.get((route, children)) or LIMITS[(route, 1)] + 4 * (children - 1)
    assert driver.pages <= limit, driver.report("Too many pages")
    # Shorter, with the same information: every answer given reached the referral.
    caregiver = referral.caregivers.get()
    assert (caregiver.pronouns, caregiver.preferred_contact, caregiver.access_needs) == (
        "they/them",
        "text",
        "Step-free access, please",
    )
    assert caregiver.address == "1 Mill Lane\nStockport"
    assert referral.children.first().nhs_number == "9434765919"
    if route == Route.PROFESSIONAL:
        assert (referral.source, referral.referrer_role) == ("M6", "Family support worker")
        assert referral.safeguarding_concerns == "A child in need plan is in place."
        assert referral.relationship_need and referral.other_professionals
    else:
        assert (caregiver.ethnicity, caregiver.gender) == ("A", "woman")
