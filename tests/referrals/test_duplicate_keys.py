"""Possible duplicates are found by the database, from match keys stored with each
referral: a fixed number of queries however many referrals or look-alikes."""

import importlib
from datetime import date

import pytest

from referrals.duplicates import match_keys, possible_duplicates, store_match_keys
from referrals.models import Caregiver, Child, MatchKey
from tests.factories import ServiceFactory
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db

BIRTH = date(2025, 3, 1)


def test_a_submitted_referral_stores_its_normalised_keys(service):
    referral = make_referral(
        service, last_name="  O'Neill ", postcode="SK1 3XE", nhs_number="9434765919"
    )
    assert set(MatchKey.objects.filter(referral=referral).values_list("key", flat=True)) == {
        "nhs:9434765919",
        "dob:2025-06-01:name:o'neill",
        "dob:2025-06-01:postcode:SK1 3XE",
    }
    assert {key.service_id for key in MatchKey.objects.filter(referral=referral)} == {service.pk}


def test_an_unborn_baby_is_matched_on_nothing_but_an_nhs_number():
    unborn = Child(last_name="Doe", due_date=BIRTH)
    assert match_keys([unborn], [Caregiver(last_name="Doe", postcode="SK1 1AA")]) == set()


def test_keys_written_again_follow_a_changed_child(service):
    referral = make_referral(service, last_name="Doe", date_of_birth=BIRTH)
    other = make_referral(service, last_name="Doe", date_of_birth=date(2024, 1, 1), postcode="M1")
    assert possible_duplicates([referral]) == {}
    Child.objects.filter(referral=other).update(date_of_birth=BIRTH)
    store_match_keys([other])
    assert possible_duplicates([referral]) == {referral.pk: [other]}


def test_duplicates_are_found_in_three_queries_however_many_look_alikes(
    service, django_assert_num_queries
):
    page = [make_referral(service, last_name="Doe", date_of_birth=BIRTH) for _ in range(2)]
    with django_assert_num_queries(3):
        few = possible_duplicates(page)
    assert few == {page[0].pk: [page[1]], page[1].pk: [page[0]]}

    more = [
        make_referral(service, last_name="Doe", date_of_birth=BIRTH, nhs_number="9434765919")
        for _ in range(20)
    ]
    with django_assert_num_queries(3):
        found = possible_duplicates(page + more)
    assert len(found) == 22
    assert all(len(others) == 21 for others in found.values())


def test_another_service_s_look_alike_is_not_a_duplicate(service):
    referral = make_referral(service, last_name="Doe", date_of_birth=BIRTH)
    make_referral(ServiceFactory(), last_name="Doe", date_of_birth=BIRTH)
    assert possible_duplicates([referral]) == {}


def test_the_migration_gives_referrals_already_stored_their_keys(service):
    from django.apps import apps

    migration = importlib.import_module("referrals.migrations.0004_match_keys")
    first = make_referral(service, last_name="Doe", date_of_birth=BIRTH, nhs_number="9434765919")
    second = make_referral(service, last_name="Doe", date_of_birth=BIRTH)
    stored = set(MatchKey.objects.values_list("referral_id", "key"))
    MatchKey.objects.all().delete()

    migration.backfill(apps, None)

    assert set(MatchKey.objects.values_list("referral_id", "key")) == stored
    assert possible_duplicates([first]) == {first.pk: [second]}
