"""Finding a family: the programmes that have ended, and a search by name or
reference — always within the families the person may see."""

import re
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from sessions import actions
from sessions.models import EndReason
from sessions.search import search_words
from tests.factories import UserFactory
from tests.helpers import errors, open_programme, text

pytestmark = pytest.mark.django_db

CLOSED = reverse("programmes:closed")
SEARCH = reverse("programmes:search")


def end(programme, by, reason=EndReason.COMPLETED):
    return actions.end_programme(
        programme=programme,
        reason=reason,
        ended_on=timezone.localdate(),
        ending_summary="We noticed a lot together.",
        by=by,
    )


def found(response):
    """The references listed on the page, in order."""
    assert response.status_code == 200
    return re.findall(r'class="nhsuk-u-nowrap">(VIG-[A-Z0-9-]+)</a>', response.content.decode())


def search(client, query, **params):
    return client.get(SEARCH, {"q": query, **params})


@pytest.fixture
def family(team, team_lead, practitioner):
    def make(last_name, guider=None):
        return open_programme(
            team.service,
            team_lead=team_lead,
            practitioner=guider or practitioner,
            last_name=last_name,
        )

    return make


# --- Closed programmes ---------------------------------------------------------------


def test_the_caseload_leads_to_ended_programmes_and_the_search(staff_client, practitioner):
    html = staff_client(practitioner).get(reverse("programmes:caseload")).content.decode()
    assert f'href="{CLOSED}"' in html
    assert f'href="{SEARCH}"' in html


def test_ended_programmes_are_listed_latest_first_and_open_ones_are_not(
    staff_client, practitioner, family
):
    still_open = family("Open")
    completed = end(family("Completed"), practitioner)
    early = end(family("Early"), practitioner, reason=EndReason.MOVED_AWAY)
    response = staff_client(practitioner).get(CLOSED)
    assert found(response) == [early.reference, completed.reference]
    words = text(response)
    assert "Ended early Moved away" in words
    assert "Completed Programme completed" in words
    assert still_open.reference not in response.content.decode()
    assert "Guider" not in words.split("Programmes that have ended")[-1].split("Find a family")[0]


def test_a_guider_sees_their_own_ended_programmes_a_lead_the_teams(
    staff_client, team, team_lead, practitioner, outsider, family
):
    mine = end(family("Mine"), practitioner)
    colleague = UserFactory(team=team, full_name="Carol Colleague")
    theirs = end(family("Theirs", guider=colleague), colleague)
    other_lead = UserFactory(team=outsider.team, role=Role.TEAM_LEAD)
    elsewhere = open_programme(
        outsider.team.service, team_lead=other_lead, practitioner=outsider, last_name="Far"
    )
    end(elsewhere, outsider)
    assert found(staff_client(practitioner).get(CLOSED)) == [mine.reference]
    response = staff_client(team_lead).get(CLOSED)
    assert set(found(response)) == {mine.reference, theirs.reference}
    assert "Carol Colleague" in text(response)
    assert found(staff_client(outsider).get(CLOSED)) == [elsewhere.reference]


def test_nothing_ended_yet_says_so(staff_client, practitioner, family):
    family("Open")
    assert "No programmes have ended yet." in text(staff_client(practitioner).get(CLOSED))


def test_a_long_list_of_ended_programmes_is_paginated(
    staff_client, practitioner, family, monkeypatch
):
    monkeypatch.setattr("sessions.views.finding.PER_PAGE", 2)
    ended = [end(family(f"F{n}"), practitioner) for n in range(5)]
    client = staff_client(practitioner)
    first = client.get(CLOSED)
    assert len(found(first)) == 2
    assert "Page 2 of 3" in text(first)
    last = client.get(CLOSED, {"page": "3"})
    assert len(found(last)) == 1
    listed = found(first) + found(client.get(CLOSED, {"page": "2"})) + found(last)
    assert sorted(listed) == sorted(p.reference for p in ended)
    for junk in ("0", "-1", "abc", "9" * 50, "\x00"):
        assert client.get(CLOSED, {"page": junk}).status_code == 200


# --- Search --------------------------------------------------------------------------


def test_search_finds_by_any_name_or_reference_whatever_the_case(
    staff_client, practitioner, family
):
    jones = family("Jones")
    family("Smith")
    client = staff_client(practitioner)
    reference = jones.reference
    for query in (
        "jones",
        "JONES",
        "Jon",
        "robin jones",  # the child
        "Sam Jones",  # the parent
        "Jones, Sam",
        reference,
        reference.lower(),
        reference.replace("-", ""),
        reference[-4:],
        f"  {reference}  ",
    ):
        assert found(search(client, query)) == [reference], query


def test_every_word_must_match(staff_client, practitioner, family):
    family("Jones")
    client = staff_client(practitioner)
    assert found(search(client, "Sam Smith")) == []
    assert "No families found for “Sam Smith”" in text(search(client, "Sam Smith"))


def test_search_is_unicode_safe(staff_client, practitioner, family):
    zoe = family("Zoë-Brontë")
    lukasz = family("Łukasiewicz")
    sofia = family("Σοφία")
    client = staff_client(practitioner)
    decomposed = unicodedata.normalize("NFD", "ZOË")
    for query, programme in (
        ("zoë", zoe),
        ("ZOË", zoe),
        (decomposed, zoe),
        ("zoë-brontë", zoe),
        ("ŁUKASIEWICZ", lukasz),
        ("łukas", lukasz),
        ("ΣΟΦΊΑ", sofia),
    ):
        assert found(search(client, query)) == [programme.reference], query
    assert found(search(client, "zoe")) == []  # accents are part of the name


def test_ended_programmes_are_found_too(staff_client, practitioner, family):
    ended = end(family("Ended"), practitioner)
    response = search(staff_client(practitioner), "ended")
    assert found(response) == [ended.reference]
    assert "Completed" in text(response)


def test_search_never_finds_a_family_the_person_may_not_see(
    staff_client, team, team_lead, practitioner, outsider, family
):
    mine = family("Jones")
    colleague = UserFactory(team=team, full_name="Carol Colleague")
    theirs = family("Jones", guider=colleague)
    other_lead = UserFactory(team=outsider.team, role=Role.TEAM_LEAD)
    elsewhere = open_programme(
        outsider.team.service, team_lead=other_lead, practitioner=outsider, last_name="Jones"
    )
    assert found(search(staff_client(practitioner), "Jones")) == [mine.reference]
    assert set(found(search(staff_client(team_lead), "Jones"))) == {
        mine.reference,
        theirs.reference,
    }
    assert found(search(staff_client(team_lead), elsewhere.reference)) == []
    assert found(search(staff_client(outsider), "jones")) == [elsewhere.reference]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Enter a name or a reference, like Jones or VIG-7KQ3-M2XD"),
        ("   ", "Enter a name or a reference, like Jones or VIG-7KQ3-M2XD"),
        ("%", "Enter a name or a reference, like Jones or VIG-7KQ3-M2XD"),
        ("_%_ -- ;", "Enter a name or a reference, like Jones or VIG-7KQ3-M2XD"),
        ("Jo\x00nes", "Enter a name or a reference, like Jones or VIG-7KQ3-M2XD"),
        ("x" * 101, "Search for 100 characters or fewer"),
        ("Jones " * 10_000, "Search for 100 characters or fewer"),
        ("a b c d e f", "Search for 5 words or fewer"),
    ],
)
def test_unusable_searches_are_told_what_to_enter(
    staff_client, practitioner, family, query, message
):
    family("Jones")
    response = search(staff_client(practitioner), query)
    assert response.status_code == 200
    assert errors(response) == [message]
    assert found(response) == []
    assert text(response).startswith("Error: ")


@pytest.mark.parametrize(
    "query",
    ["' OR 1=1 --", "<script>alert(1)</script>", "Jones\u202e", "🙂 Jones", "Jo_es", "J%s"],
)
def test_junk_finds_nothing_or_what_its_words_say(staff_client, practitioner, family, query):
    jones = family("Jones")
    response = search(staff_client(practitioner), query)
    assert response.status_code == 200
    assert found(response) in ([], [jones.reference])
    assert "<script>alert" not in response.content.decode()
    # % and _ are never wildcards.
    assert search_words("J%s") == ["j", "s"]


def test_the_search_page_alone_shows_the_form_and_no_error(staff_client, practitioner):
    response = staff_client(practitioner).get(SEARCH)
    assert response.status_code == 200
    assert errors(response) == []
    html = response.content.decode()
    assert '<label class="nhsuk-label" for="id_q">' in html
    assert 'role="search"' in html


def test_search_results_are_paginated_and_keep_the_search(
    staff_client, practitioner, family, monkeypatch
):
    monkeypatch.setattr("sessions.views.finding.PER_PAGE", 2)
    for n in range(3):
        family(f"Jones{n}")
    family("Smith")
    client = staff_client(practitioner)
    first = search(client, "Jones")
    assert len(found(first)) == 2
    assert "3 families found for “Jones”" in text(first)
    assert 'href="?q=Jones&amp;page=2"' in first.content.decode()
    assert len(found(search(client, "Jones", page="2"))) == 1
    assert search(client, "Jones", page="abc").status_code == 200


def measure(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_families_found(staff_client, practitioner, family):
    client = staff_client(practitioner)
    for n in range(2):
        end(family(f"Jones{n}"), practitioner)
    client.get(SEARCH, {"q": "Jones"})  # warm the session
    small = [measure(client, SEARCH, {"q": "Jones"}), measure(client, CLOSED, {})]
    for n in range(2, 12):
        end(family(f"Jones{n}"), practitioner)
    big = [measure(client, SEARCH, {"q": "Jones"}), measure(client, CLOSED, {})]
    assert small == big
