"""Query budgets: the team's pages cost the same with 2 referrals as with 25."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals import actions
from referrals.models import Route
from tests.factories import UserFactory
from tests.helpers import make_referral

pytestmark = pytest.mark.django_db

# What each page may cost, whatever the number of referrals. It includes the
# session, the signed-in user and their second factor, and the audit event a
# referral page writes.
BUDGETS = {"inbox": 16, "waiting_list": 13, "detail": 20}


def families(service, count, *, start=0):
    """``count`` different families, the first two of them possible duplicates."""
    made = []
    for n in range(start, start + count):
        duplicate = n - start < 2
        made.append(
            make_referral(
                service,
                route=Route.PROFESSIONAL if n % 2 else Route.SELF,
                last_name="Doe" if duplicate else f"Family{n}",
                postcode=f"SK{1 + n % 4} {n % 9}AB",
                date_of_birth=date(2025, 1, 1) if duplicate else date(2024, 1, 1) + timedelta(n),
                nhs_number="",
            )
        )
    return made


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def measure(make, client, url, sizes=(2, 25)):
    """Query counts for the page after ``make(n)`` has grown the data to each size."""
    counts = []
    made = 0
    for size in sizes:
        make(size - made, made)
        made = size
        counts.append(queries(client, url() if callable(url) else url))
    return counts


def test_inbox_queries_do_not_grow_with_referrals(
    staff_client, team_lead, service, django_assert_max_num_queries
):
    client = staff_client(team_lead)

    def make(count, start):
        families(service, count, start=start)

    counts = measure(make, client, reverse("referrals:inbox"))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(BUDGETS["inbox"]):
        client.get(reverse("referrals:inbox"))


def test_waiting_list_queries_do_not_grow_with_referrals(
    staff_client, team_lead, service, django_assert_max_num_queries
):
    client = staff_client(team_lead)

    def make(count, start):
        for referral in families(service, count, start=start):
            actions.triage(
                referral=referral, decision="accept", priority=1 + start % 2, by=team_lead
            )

    counts = measure(make, client, reverse("referrals:waiting_list"))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(BUDGETS["waiting_list"]):
        client.get(reverse("referrals:waiting_list"))


def test_referral_page_queries_do_not_grow_with_duplicates_or_history(
    staff_client, team_lead, team, service, django_assert_max_num_queries
):
    client = staff_client(team_lead)
    colleagues = [UserFactory(team=team) for _ in range(2)]
    first = make_referral(service, last_name="Doe", date_of_birth=date(2025, 1, 1))
    actions.triage(referral=first, decision="accept", priority=1, by=team_lead)
    url = reverse("referrals:detail", args=[first.reference])

    def make(count, start):
        # More possible duplicates, more linked referrals, more reallocations.
        for n in range(count):
            other = make_referral(service, last_name="Doe", date_of_birth=date(2025, 1, 1))
            if n % 2:
                actions.link_duplicate(referral=first, other=other, by=team_lead)
            actions.allocate(referral=first, practitioner=colleagues[(start + n) % 2], by=team_lead)

    counts = measure(make, client, url)
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(BUDGETS["detail"]):
        client.get(url)
    referral = client.get(url).context["referral"]
    assert referral.allocations.count() == 25


def test_family_members_takes_two_queries_and_shares_a_familys_lists(
    service, django_assert_num_queries
):
    """The long lists' names (``family_members``): two queries for any number of
    referrals, none for none, people in the order they were given, and two copies of
    one family (two visits of it in a diary) given the same people."""
    from referrals.models import Referral
    from referrals.queries import family_members

    first = make_referral(service, last_name="Doe")
    second = make_referral(service, last_name="Roe")
    with django_assert_num_queries(0):
        assert family_members([]) == []
    copies = [first, Referral.objects.get(pk=first.pk), second]
    with django_assert_num_queries(2):
        family_members(copies)
    assert copies[0].child_list is copies[1].child_list
    assert [c.pk for c in copies[2].caregiver_list] == list(
        second.caregivers.order_by("pk").values_list("pk", flat=True)
    )
    assert [c.pk for c in copies[0].child_list] == list(
        first.children.order_by("pk").values_list("pk", flat=True)
    )
    assert copies[0].child_list and copies[2].caregiver_list
