"""Who may do what with every staff page: the role × team × URL matrix.

Every URL under /staff/ (and the admin's front page) is read from the URLconf
and visited with GET, HEAD and POST by each of these people:

    signed_out        nobody is signed in
    no_second_factor  the family's team lead, password given but no second factor yet
    guider            the family's guider, a trainee
    supervisor        the guider's VIG supervisor
    lead              the team lead of the family's team
    colleague         a practitioner on the family's team who is not their guider
    other_team        a practitioner of another team in the same service
    other_service     a practitioner of another service
    other_lead        the team lead of that other team in the same service

The answers, in this order (STYLE.md "Reads are scoped in one place";
docs/adr/0003 for signing in, 0005 for scope before method):

1. Behind sign-in (everything but the sign-in journey): signed out → the sign-in
   page; password but no second factor → the second-factor page.
2. A page about a family the person may not see → 404, whatever the method.
3. A page they may see but not use, or a change they may not make → 403.
4. A method the page does not serve (POST to a page that only shows) → 405.
5. Otherwise the page (200) or where it sends you (302). HEAD answers as GET does.

``RULES`` below is the whole of it: one row per URL name. A staff URL without
a row, or whose keyword arguments ``world.KWARGS`` cannot fill from real
objects, fails the test by name, so no page can be added unchecked.

Out of scope: the Django admin beyond its front page. Its pages are the
admin's own and are behind the same middleware (rule 1, tested here on the
front page); what an administrator may do in it is in tests/accounts/test_admin.py.
"""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from accounts.middleware import OPEN_PREFIXES
from tests.access import world as world_module
from tests.access.urlconf import walk
from tests.helpers import sign_in_fully

# --- Who is who ----------------------------------------------------------------------

SIGNED_IN = frozenset(
    {
        "guider",
        "supervisor",
        "lead",
        "colleague",
        "other_team",
        "other_service",
        "other_lead",
        "service_admin",
    }
)
PERSONAS = ("signed_out", "no_second_factor", *sorted(SIGNED_IN))
ANYONE = SIGNED_IN | {"signed_out", "no_second_factor"}

FAMILY = frozenset({"guider", "supervisor", "lead"})  # see the family's pages
CHANGERS = frozenset({"guider", "lead"})  # change the family's programme
LEAD = frozenset({"lead"})  # triage and allocate the family's referral
LEADS = frozenset({"lead", "other_lead"})  # every team lead: team lists, audit trail
# Those who read reports: every team lead (their team), the service admin (its teams).
REPORTERS = LEADS | {"service_admin"}
# Everyone who works with families (the service admin has no caseload).
PRACTISING = SIGNED_IN - {"service_admin"}
NOBODY = frozenset()
SUPERVISOR = frozenset({"supervisor"})  # the guider's VIG supervisor
GUIDER = frozenset({"guider"})  # the guider's own tasks
# A page that only takes a form's answer: GET is 405 to those who may POST.
POST_ONLY = frozenset({"post only"})
GET_ONLY = None  # the page only shows: POST is 405 for those who may GET it

# --- The rules ---------------------------------------------------------------------
# url name: (who may see it, who may GET it, who may POST to it).
# Not among those who see a family's page → 404; sees it but not allowed → 403.
# Pages that are not about one family are seen by everyone signed in.

RULES = {
    # The staff area
    "accounts:home": (SIGNED_IN, SIGNED_IN, GET_ONLY),
    "accounts:backup_codes": (SIGNED_IN, SIGNED_IN, SIGNED_IN),
    "accounts:audit_trail": (SIGNED_IN, LEADS, GET_ONLY),
    "admin:index": (SIGNED_IN, NOBODY, NOBODY),  # 403 from the admin's own sign-in
    # What families said about the service: for those who read its reports
    "pages:staff_feedback": (SIGNED_IN, REPORTERS, GET_ONLY),
    # The sign-in journey, open to anyone
    "accounts:login": (ANYONE, ANYONE, ANYONE),
    "accounts:two_factor": (ANYONE, ANYONE, ANYONE),
    "accounts:two_factor_setup": (ANYONE, ANYONE, ANYONE),
    "accounts:logout": (ANYONE, ANYONE, ANYONE),
    "accounts:password_reset": (ANYONE, ANYONE, ANYONE),
    "accounts:password_reset_done": (ANYONE, ANYONE, GET_ONLY),
    "accounts:password_reset_confirm": (ANYONE, ANYONE, ANYONE),
    "accounts:password_reset_complete": (ANYONE, ANYONE, GET_ONLY),
    # Reports: team leads' (their team's figures) and the service admin's (its teams')
    "reports:index": (SIGNED_IN, REPORTERS, GET_ONLY),
    "reports:csds": (SIGNED_IN, REPORTERS, GET_ONLY),
    "reports:caseload": (SIGNED_IN, SIGNED_IN, GET_ONLY),  # a practitioner's: their own
    "reports:waiting": (SIGNED_IN, REPORTERS, GET_ONLY),
    "reports:referrals": (SIGNED_IN, REPORTERS, GET_ONLY),
    "reports:activity": (SIGNED_IN, REPORTERS, GET_ONLY),
    "reports:outcomes": (SIGNED_IN, REPORTERS, GET_ONLY),
    "reports:reach": (SIGNED_IN, REPORTERS, GET_ONLY),
    "reports:accreditation": (SIGNED_IN, REPORTERS, GET_ONLY),
    # Referrals: the team's lists, then one family's referral
    "referrals:inbox": (SIGNED_IN, LEADS, GET_ONLY),
    "referrals:waiting_list": (SIGNED_IN, LEADS, GET_ONLY),
    "referrals:detail": (FAMILY, FAMILY, GET_ONLY),
    "referrals:triage": (FAMILY, LEAD, LEAD),
    "referrals:allocate": (FAMILY, LEAD, LEAD),
    "referrals:compare": (FAMILY, FAMILY, LEAD),
    "referrals:different_families": (FAMILY, POST_ONLY, LEAD),
    # Programmes: everyone's own caseload, ended programmes, search and diary
    "programmes:caseload": (SIGNED_IN, PRACTISING, GET_ONLY),
    "programmes:closed": (SIGNED_IN, PRACTISING, GET_ONLY),
    "programmes:search": (SIGNED_IN, PRACTISING, GET_ONLY),
    "programmes:diary": (SIGNED_IN, PRACTISING, GET_ONLY),
    "programmes:diary_day": (SIGNED_IN, PRACTISING, GET_ONLY),
    # Tasks: everyone's own list; a task is its assignee's to mark done
    "tasks:list": (SIGNED_IN, PRACTISING, GET_ONLY),
    # The service admin has no tasks: refused before any task is looked up.
    "tasks:done": (GUIDER | {"service_admin"}, POST_ONLY, GUIDER),
    # Failed work and messages: the team leads' (their team's) and the service
    # admin's (its teams'); practitioners are refused.
    "tasks:failed": (SIGNED_IN, REPORTERS, REPORTERS),
    # A letter to print and post, from the guider's task (the service admin has none).
    "tasks:letter": (GUIDER | {"service_admin"}, GUIDER, GET_ONLY),
    # One family's programme: pages that show
    "programmes:case": (FAMILY, FAMILY, GET_ONLY),
    "programmes:consent_history": (FAMILY, FAMILY, GET_ONLY),
    "programmes:consent_withdrawn": (FAMILY, FAMILY, GET_ONLY),
    "programmes:consent_withdrawal_letter": (FAMILY, FAMILY, GET_ONLY),
    "programmes:visit": (FAMILY, FAMILY, GET_ONLY),
    "programmes:summary_letter": (FAMILY, FAMILY, GET_ONLY),
    # … pages a supervisor reads but may not send
    "programmes:consent_record": (FAMILY, FAMILY, CHANGERS),
    "programmes:consent_withdraw": (FAMILY, FAMILY, CHANGERS),
    "programmes:closing_letter": (FAMILY, FAMILY, CHANGERS),
    # … pages that change the programme: the guider's and the lead's only
    "programmes:state": (FAMILY, CHANGERS, CHANGERS),
    "programmes:contact": (FAMILY, CHANGERS, CHANGERS),
    "programmes:planned_visits": (FAMILY, CHANGERS, CHANGERS),
    "programmes:end": (FAMILY, CHANGERS, CHANGERS),
    "programmes:goal_add": (FAMILY, CHANGERS, CHANGERS),
    "programmes:goal_revise": (FAMILY, CHANGERS, CHANGERS),
    "programmes:goal_achieved": (FAMILY, CHANGERS, CHANGERS),
    "programmes:ratings": (FAMILY, CHANGERS, CHANGERS),
    "programmes:visit_book": (FAMILY, CHANGERS, CHANGERS),
    "programmes:visit_change": (FAMILY, CHANGERS, CHANGERS),
    "programmes:visit_cancel": (FAMILY, CHANGERS, CHANGERS),
    "programmes:visit_outcome": (FAMILY, CHANGERS, CHANGERS),
    "programmes:visit_review": (FAMILY, CHANGERS, CHANGERS),
    "programmes:visit_review_player": (FAMILY, CHANGERS, CHANGERS),
    "programmes:visit_summary": (FAMILY, CHANGERS, CHANGERS),
    "programmes:summary_skip": (FAMILY, CHANGERS, CHANGERS),
    "programmes:summary_send": (FAMILY, CHANGERS, CHANGERS),
    # A filming visit's films (consent to filming is withdrawn in this world)
    "films:index": (FAMILY, FAMILY, GET_ONLY),
    "films:add": (FAMILY, CHANGERS, CHANGERS),
    "films:upload_start": (FAMILY, POST_ONLY, CHANGERS),
    "films:upload": (FAMILY, CHANGERS, GET_ONLY),  # PATCH and DELETE: tests/films
    "films:upload_finish": (FAMILY, POST_ONLY, CHANGERS),
    "films:upload_preview": (FAMILY, CHANGERS, GET_ONLY),
    "films:film": (FAMILY, FAMILY, GET_ONLY),
    "films:status": (FAMILY, FAMILY, GET_ONLY),
    "films:play": (FAMILY, FAMILY, GET_ONLY),
    "films:poster": (FAMILY, FAMILY, GET_ONLY),
    "films:remove": (FAMILY, CHANGERS, CHANGERS),
    # Micro-analysis: the guider's and the team leads' (the film here was refused,
    # so the pages say why nothing can be marked)
    "films:analysis": (FAMILY, CHANGERS, CHANGERS),
    "films:moment": (FAMILY, CHANGERS, CHANGERS),
    "films:moment_play": (FAMILY, FAMILY, GET_ONLY),
    "films:moment_status": (FAMILY, CHANGERS, GET_ONLY),
    "films:moment_move": (FAMILY, POST_ONLY, CHANGERS),
    "films:moment_remove": (FAMILY, CHANGERS, CHANGERS),
    # Supervision: a VIG supervisor's own pages (their trainees' clips where the
    # family agreed), and everyone's own accreditation progress
    "supervision:clips": (SIGNED_IN, SUPERVISOR, GET_ONLY),
    "supervision:clip": (SIGNED_IN, SUPERVISOR, SUPERVISOR),
    "supervision:session_add": (SIGNED_IN, SUPERVISOR, SUPERVISOR),
    "supervision:progress": (SIGNED_IN, SIGNED_IN, GET_ONLY),
    # Clips marked for group supervision or training: the team leads' and the team
    # supervisors' (ADR 0009); 404 for everyone else. The world has no marked clip,
    # so its bytes are nobody's.
    "supervision:marked": (LEADS | SUPERVISOR, LEADS | SUPERVISOR, GET_ONLY),
    "supervision:marked_play": (NOBODY, NOBODY, NOBODY),
}

# Answers that depend on the object, not only on who asks: (name, method) → person → answer.
BECAUSE_OF_THE_OBJECT = {
    # An upload in progress is only its starter's to continue or preview.
    ("films:upload", "get"): {"lead": "404"},
    ("films:upload", "head"): {"lead": "404"},
    ("films:upload_finish", "post"): {"lead": "404", "guider": "409"},  # 409: not all sent
    # Nothing to preview or play: the upload is unfinished, the film was refused.
    ("films:upload_preview", "get"): {"guider": "404", "lead": "404"},
    ("films:upload_preview", "head"): {"guider": "404", "lead": "404"},
    **{
        (name, method): dict.fromkeys(["guider", "lead", "supervisor"], "404")
        for name in ("films:play", "films:poster", "films:moment_play")
        for method in ("get", "head")
    },
    # The family withdrew filming consent: its clip is not the supervisor's to review.
    **{("supervision:clip", method): {"supervisor": "404"} for method in ("get", "head", "post")},
    # "Try again" without saying which row is a bad request.
    ("tasks:failed", "post"): dict.fromkeys(REPORTERS, "400"),
    # Starting an upload without saying what is coming is a bad request.
    ("films:upload_start", "post"): {"guider": "400", "lead": "400"},
}


def expected_answer(name, protected, persona, method):
    """ "in", "2fa", "ok", "403", "404" or "405", from ``RULES``."""
    if protected and persona == "signed_out":
        return "in"
    if protected and persona == "no_second_factor":
        return "2fa"
    sees, may_get, may_post = RULES[name]
    if persona in BECAUSE_OF_THE_OBJECT.get((name, method), {}) and persona in sees:
        return BECAUSE_OF_THE_OBJECT[(name, method)][persona]
    if persona not in sees:
        return "404"
    if method in ("get", "head"):
        if may_get is POST_ONLY:
            return "405" if persona in may_post else "403"
        return "ok" if persona in may_get else "403"
    if may_post is GET_ONLY:
        return "405" if persona in may_get else "403"
    return "ok" if persona in may_post else "403"


# --- The URLs ----------------------------------------------------------------------


def in_scope(url):
    return url.literal_prefix.startswith("staff/") or url.name == "admin:index"


STAFF_URLS = [url for url in walk() if in_scope(url)]


def is_protected(path):
    return path.startswith(("/staff/", "/admin/")) and not path.startswith(OPEN_PREFIXES)


def fill(url, world):
    """The URL's address, its arguments taken from real objects; fails by name if it can't."""
    missing = [name for name in url.kwargs if name not in world_module.KWARGS]
    if not url.name or url.name not in RULES or missing:
        pytest.fail(why_unchecked(url))
    kwargs = {name: world_module.kwarg(url.name, name, world) for name in url.kwargs}
    try:
        return reverse(url.name, kwargs=kwargs)
    except NoReverseMatch as error:
        pytest.fail(f"{url.name} ({url.route}) can't be reversed from real objects: {error}")


def why_unchecked(url):
    if not url.name:
        return f"/{url.route} has no name: name it and give it a row in RULES"
    reasons = []
    if url.name not in RULES:
        reasons.append("has no row in RULES (who may see, GET and POST it)")
    missing = [name for name in url.kwargs if name not in world_module.KWARGS]
    if missing:
        reasons.append(f"takes {', '.join(missing)}, which world.KWARGS can't fill")
    return f"{url.name} (/{url.route}) " + " and ".join(reasons)


# --- Data, made once a module ---------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The people and the family, kept for every test here and rolled back at the end.

    Each test still runs inside its own savepoint (``db``), so what one request
    changes is gone before the next.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            made = world_module.build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def client_for(persona, world):
    client = Client()
    if persona == "no_second_factor":
        client.force_login(world.people["lead"])
    elif persona != "signed_out":
        sign_in_fully(client, world.people[persona])
    return client


def answer(response):
    """What the response says, in the words of ``expected_answer``."""
    status = response.status_code
    if status in (301, 302, 303):
        target = urlsplit(response["Location"]).path
        if target == reverse("accounts:login"):
            return "in"
        if target == reverse("accounts:two_factor"):
            return "2fa"
        return "ok"
    if status == 200:
        return "ok"
    return str(status)


# --- The tests -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "head", "post"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", STAFF_URLS, ids=lambda url: url.name or url.route)
def test_every_staff_url_answers_each_person_as_documented(world, url, persona, method):
    path = fill(url, world)
    protected = is_protected(path)
    client = client_for(persona, world)

    response = getattr(client, method)(path)
    if url.name == "admin:index" and answer(response) == "ok":
        # The admin sends the signed-in to its own sign-in page, which refuses
        # anyone without admin rights; that refusal is the answer.
        response = getattr(client, method)(path, follow=True)

    expected = expected_answer(url.name, protected, persona, method)
    got = answer(response)
    if not protected and expected == "ok":
        # The sign-in journey may send anyone on to sign in; it must never refuse.
        assert got in ("ok", "in", "2fa"), f"{method.upper()} {path} as {persona}: {got}"
    else:
        assert got == expected, f"{method.upper()} {path} as {persona}: {got}, not {expected}"


def test_every_staff_url_has_a_row_and_real_objects_for_its_arguments():
    unchecked = [
        why_unchecked(url)
        for url in STAFF_URLS
        if not url.name
        or url.name not in RULES
        or any(name not in world_module.KWARGS for name in url.kwargs)
    ]
    assert not unchecked, "\n".join(unchecked)


def test_every_row_is_a_staff_url():
    """A row left behind by a page that has gone would check nothing."""
    names = {url.name for url in STAFF_URLS}
    assert sorted(set(RULES) - names) == []


def test_the_matrix_covers_every_area_of_the_staff_site():
    """Guards the URLconf walk itself: it must find the pages under every include()."""
    prefixes = {url.literal_prefix.split("/")[1] for url in STAFF_URLS if url.name != "admin:index"}
    assert {"referrals", "programmes", "sign-in", "audit"} <= prefixes
