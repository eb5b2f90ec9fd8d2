"""One audit vocabulary: every event type registered, recorded only if registered,
and shown on the audit trail as a sentence — never as a code or a database id."""

import ast
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts import audit
from accounts.audit.presenters import sentence, trail_rows
from accounts.models import AuditEvent
from sessions import actions as programme_actions
from sessions.models import Place, VisitKind
from tests.factories import ServiceFactory
from tests.helpers import open_programme

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "referrals", "sessions", "consent", "reports", "films", "vig_service")
# Functions whose first argument (or ``marker=``/``action=``) is an event code.
RECORDING_CALLS = {"record", "_audit", "_record_against_account"}
# Queries on AuditEvent whose ``action=`` names an event code.
QUERY_CALLS = {"filter", "exclude", "get", "create", "count", "exists"}
LONDON = ZoneInfo("Europe/London")


def _name(func):
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _string(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def codes_used_in_the_codebase():
    """{code: "file:line"} for every event code the apps' code names literally."""
    found = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            where = path.relative_to(ROOT)
            for node in ast.walk(tree):
                values = []
                if isinstance(node, ast.ClassDef) and node.name == "AuditAction":
                    values = [
                        _string(item.value) for item in node.body if isinstance(item, ast.Assign)
                    ]
                elif isinstance(node, ast.Call):
                    if _name(node.func) in RECORDING_CALLS and node.args:
                        values.append(_string(node.args[0]))
                    if _name(node.func) in RECORDING_CALLS | QUERY_CALLS:
                        values += [
                            _string(k.value) for k in node.keywords if k.arg in ("marker", "action")
                        ]
                for value in filter(None, values):
                    found.setdefault(value, f"{where}:{node.lineno}")
    return found


def test_every_event_code_used_anywhere_is_registered():
    used = codes_used_in_the_codebase()

    # The scan finds the codes of every app (so it is not silently finding nothing).
    prefixes = {code.split(".")[0] for code in used}
    assert {"auth", "staff", "audit", "referral", "programme", "visit", "consent"} <= prefixes
    unregistered = {code: where for code, where in used.items() if not audit.is_registered(code)}
    assert unregistered == {}


def test_every_type_has_a_label_in_words_and_says_what_its_details_hold():
    types = audit.registered_types()

    assert len({t.label for t in types}) == len(types), "two types share a label"
    for event_type in types:
        assert re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_]+", event_type.code)
        assert event_type.label[0].isupper() and "." not in event_type.label
        assert "_" not in event_type.label
        assert event_type.holds.strip()
        # A type's description copes with details it does not expect.
        assert isinstance(event_type.description({}, lambda key: ""), str)
        assert isinstance(event_type.description({"starts_at": "x"}, lambda key: ""), str)


@pytest.mark.django_db
def test_recording_an_unregistered_type_is_refused_and_writes_nothing(practitioner):
    with pytest.raises(audit.UnregisteredEventType, match="accounts/audit/vocabulary"):
        audit.record("visit.teleported", actor=practitioner)

    assert not AuditEvent.objects.exists()


@pytest.fixture
def family(team, team_lead, practitioner):
    service = ServiceFactory(name="Northmoor VIG")
    team.service = service
    team.save()
    return open_programme(service, team_lead=team_lead, practitioner=practitioner)


@pytest.mark.django_db
def test_the_trail_says_what_happened_in_words(staff_client, team_lead, practitioner, family):
    programme_actions.book_visit(
        programme=family,
        kind=VisitKind.OTHER,
        starts_at=datetime(2026, 12, 1, 9, 0, tzinfo=LONDON),
        place=Place.HOME,
        by=practitioner,
    )

    response = staff_client(team_lead).get(reverse("accounts:audit_trail"))

    sentences = [sentence(row) for row in response.context["rows"]]
    assert "Visit booked — Tue 1 Dec 2026 at 09:00, family's home, other" in sentences
    assert "Referral allocated — to Alice Guider" in sentences
    assert "Referral triaged — now on the waiting list, routine; was new, routine" in sentences
    assert "Programme opened — guided by Alice Guider" in sentences
    assert "Family&#x27;s home" not in response.text
    assert "family&#x27;s home" in response.text


@pytest.mark.django_db
def test_the_trail_never_shows_a_code_or_a_record_id(staff_client, team_lead, practitioner, family):
    programme_actions.record_view(programme=family, by=practitioner)
    programme_actions.add_goal(
        programme=family, text="Play together", helping_question="", by=practitioner
    )

    response = staff_client(team_lead).get(reverse("accounts:audit_trail"))

    shown = response.text
    for event_type in audit.registered_types():
        assert event_type.code not in shown
    assert not re.search(r"(Referral|Programme|Goal|Visit) \d+\b", shown)
    assert {row["record"] for row in response.context["rows"]} == {""}


@pytest.mark.django_db
def test_old_events_of_an_unknown_type_still_read_as_words(team_lead, practitioner):
    # Rows written before the vocabulary existed (or by an older release).
    event = AuditEvent.objects.create(action="case.viewed", actor_id=practitioner.pk)

    (row,) = trail_rows(team_lead, [event])

    assert row["action"] == "Case viewed"
    assert row["person"] == "Alice Guider"


@pytest.mark.django_db
def test_people_in_the_details_are_named_from_the_readers_colleagues(
    team_lead, practitioner, outsider
):
    allocated = audit.record(
        "referral.allocated",
        actor=team_lead,
        details={"from": outsider.email, "to": practitioner.email},
    )

    (row,) = trail_rows(team_lead, [allocated])

    # Colleagues by name; someone the reader may not see, only as the address stored.
    assert row["detail"] == "to Alice Guider; was bob@trust.invalid"
