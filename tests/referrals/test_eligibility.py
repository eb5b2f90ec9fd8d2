from datetime import date

import pytest
from django.core.exceptions import ValidationError

from referrals import eligibility
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)


@pytest.fixture
def under_fives():
    """Like a family hubs service: its area, a child under 5, no unborn babies."""
    return ServiceFactory(
        name="Hubs", eligible_areas="SK1, SK2, SK4 3", max_child_age_months=60, accepts_unborn=False
    )


@pytest.fixture
def infants():
    """Like a parent-infant team: up to 2 years, unborn babies included, no area set."""
    return ServiceFactory(
        name="Infants", eligible_areas="", max_child_age_months=24, accepts_unborn=True
    )


def check(service, **kwargs):
    return eligibility.check(service, today=TODAY, **kwargs)


def test_a_child_the_day_before_their_fifth_birthday_is_under_five(under_fives):
    assert check(under_fives, postcode="SK1 3XE", date_of_birth=date(2021, 11, 22)).eligible


def test_a_child_on_their_fifth_birthday_is_too_old(under_fives):
    result = check(under_fives, postcode="SK1 3XE", date_of_birth=date(2021, 11, 21))
    assert not result.eligible
    assert result.reasons == ["Hubs helps families with a child who is under 5 years old."]


def test_infant_service_exactly_at_two_years(infants):
    assert check(infants, postcode="M1 1AA", date_of_birth=date(2024, 11, 22)).eligible
    assert not check(infants, postcode="M1 1AA", date_of_birth=date(2024, 11, 21)).eligible


def test_unborn_babies_in_each_service(under_fives, infants):
    due = date(2027, 3, 1)
    assert check(infants, postcode="M1 1AA", due_date=due).eligible
    result = check(under_fives, postcode="SK1 3XE", due_date=due)
    assert not result.eligible
    assert "once your baby is born" in result.reasons[0]


def test_districts_and_sectors(under_fives):
    born = date(2025, 1, 1)
    assert check(under_fives, postcode="sk2 6aa", date_of_birth=born).eligible  # district SK2
    assert check(under_fives, postcode="SK4 3QQ", date_of_birth=born).eligible  # sector SK4 3
    assert not check(under_fives, postcode="SK4 4QQ", date_of_birth=born).eligible  # other sector
    # SK13 is a different district from SK1, though it starts the same.
    result = check(under_fives, postcode="SK13 8AB", date_of_birth=born)
    assert result.reasons == ["Hubs only helps families living in its area."]


def test_every_reason_is_given_at_once(under_fives):
    result = check(under_fives, postcode="M1 1AA", date_of_birth=date(2019, 1, 1))
    assert len(result.reasons) == 2


def test_service_areas_are_validated_and_normalised_by_the_admin(under_fives):
    under_fives.eligible_areas = "sk1\nsk4 3, M1"
    under_fives.clean()
    assert under_fives.eligible_areas == "SK1, SK4 3, M1"
    under_fives.eligible_areas = "SK1, not-a-place"
    with pytest.raises(ValidationError):
        under_fives.clean()
