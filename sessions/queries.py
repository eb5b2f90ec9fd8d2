"""Reads for the programme pages, each starting from the person's scope.

Who sees which family is ``Programme.objects.visible_to(user)`` (rules in
``accounts.permissions``); the pages load one family through
``sessions.views.access.load_programme`` and lists through the functions here.

What a practitioner still has to do for a family is defined once, here: the
first steps with a new family (record their consent, agree goals, book the
first meeting), the outcome of a booked visit that has passed, the summary of
a visit that took place (unless skipped, on the record), and the baseline
rating of a goal the family is working on. The caseload counts them for every
family in one query (``with_needs_action``); the case page lists them from the
same definitions.
"""

from functools import cache

from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Replace
from django.db.models.lookups import IsNull

from consent.models import ConsentRecord, Kind, Scope
from referrals.models import Allocation, Caregiver, Child, StatusChange

from .models import (
    ATTENDED_CODES,
    CLOSED_STATES,
    Goal,
    GoalRating,
    GoalStatus,
    PlannedVisitsChange,
    Programme,
    RatingWhen,
    StateChange,
    SummaryDelivery,
    Visit,
    VisitKind,
    VisitState,
)
from .models.querysets import annotate_written_once, count_per_programme
from .search import Folded

# What every page about one family shows in its heading.
PROGRAMME_RELATED = ("referral__service", "referral__team", "guider", "supervisor")

# --- Things to do ------------------------------------------------------------------------


def visits_needing_outcome(now):
    """Booked visits whose time has come and gone with nothing recorded."""
    return Visit.objects.filter(state=VisitState.BOOKED, starts_at__lt=now)


def visits_needing_summary():
    """Visits that took place with no session summary yet, nor one skipped on the record."""
    return Visit.objects.filter(
        attendance__in=ATTENDED_CODES, summary__isnull=True, summary_skip__isnull=True
    )


def goals_needing_baseline():
    """Goals the family is working on that have never been rated."""
    baseline = GoalRating.objects.filter(goal=OuterRef("pk"), when=RatingWhen.BASELINE)
    return Goal.objects.filter(~Exists(baseline), status=GoalStatus.ACTIVE)


def _has_none(rows):
    """True for a programme with none of ``rows`` (rows with a ``programme``).

    Asked as "is its first such row missing" rather than ``NOT EXISTS``: PostgreSQL
    plans a ``NOT EXISTS`` in a list's SELECT as a hash of the whole table (every
    visit of every family, ~10 ms at 10,000 families), built even when only the 50
    rows of a page are shown; a scalar subquery is one index probe a row.
    """
    first = rows.filter(programme=OuterRef("pk")).order_by().values("pk")[:1]
    return IsNull(Subquery(first), True)


# The first steps with a new family: each is due while the programme has none of
# these rows. Any answer on the consent form counts (a "no" too); any goal, even
# one since achieved; any visit not cancelled, as a family whose visits began with
# another kind of visit has had its first meeting, whatever it was called.
FIRST_STEPS_TAKEN_BY = {
    "consent_due": lambda: ConsentRecord.objects.all(),
    "goals_due": lambda: Goal.objects.all(),
    "first_visit_due": lambda: Visit.objects.not_cancelled(),
}


@cache
def _first_steps():
    # Built once a process: these subqueries do not change from one request to the
    # next, and building one costs ~0.2 ms (annotate copies it, so sharing is safe).
    filmed = Visit.objects.filter(attendance__in=ATTENDED_CODES, kind=VisitKind.FILMING)
    return {
        **{name: _has_none(rows()) for name, rows in FIRST_STEPS_TAKEN_BY.items()},
        "filmings_done": count_per_programme(filmed),
    }


@cache
def _due_without_time():
    return {
        "summaries_due": count_per_programme(visits_needing_summary()),
        "baselines_due": count_per_programme(goals_needing_baseline()),
    }


def with_first_steps(programmes):
    """Annotate the first steps still to take (``consent_due``, ``goals_due``,
    ``first_visit_due``: booleans) and ``filmings_done`` (for the cycle number)."""
    return annotate_written_once(programmes, _first_steps)


def with_needs_action(programmes, now):
    """``with_first_steps``, and the counts of ``outcomes_due``, ``summaries_due``
    and ``baselines_due``: each a subquery, evaluated once per programme, with no
    query per programme."""
    programmes = annotate_written_once(with_first_steps(programmes), _due_without_time)
    return programmes.annotate(outcomes_due=count_per_programme(visits_needing_outcome(now)))


def with_filming_consent(programmes):
    """Annotate what the caseload's consent tag needs, from the filming answers in
    force: how many there are (``filming_answered``), how many say no or withdraw
    (``filming_refused``), how many withdraw (``filming_withdrawn``); read by
    ``presenters.consent_panel.filming_status_of``. Counted per row, through the
    programme's index: an ``Exists`` here was planned as a scan of every answer."""
    return annotate_written_once(programmes, _filming_counts)


@cache
def _filming_counts():
    answers = ConsentRecord.objects.filter(scope=Scope.FILMING, superseded_at__isnull=True)
    return {
        "filming_answered": count_per_programme(answers),
        "filming_refused": count_per_programme(answers.filter(granted=False)),
        "filming_withdrawn": count_per_programme(answers.filter(kind=Kind.WITHDRAWN)),
    }


# --- One family ---------------------------------------------------------------------------


def family_programmes(user, programmes=None):
    """The programmes ``user`` may see (of ``programmes``, if given), with what every
    page about a family shows: the service, team, guider, caregivers and children."""
    programmes = Programme.objects.all() if programmes is None else programmes
    return (
        programmes.visible_to(user)
        .select_related(*PROGRAMME_RELATED)
        .prefetch_related(
            Prefetch("referral__caregivers", queryset=Caregiver.objects.order_by("pk")),
            "referral__children",
        )
    )


def case_programmes():
    """Programmes with everything the case page shows, in a fixed number of queries.

    No counts in SQL: the page lists every visit, goal and consent answer anyway, so
    it asks what is due of those rows (``progress_of`` and the predicates below)."""
    visits = Visit.objects.select_related(
        "created_by",
        "shared_review__recorded_by",
        "summary__written_by",
        "summary_skip__skipped_by",
    )
    goals = Goal.objects.select_related("created_by").prefetch_related(
        Prefetch("ratings", queryset=GoalRating.objects.select_related("recorded_by"))
    )
    return Programme.objects.prefetch_related(
        Prefetch("referral__status_changes", StatusChange.objects.select_related("changed_by")),
        Prefetch(
            "referral__allocations",
            Allocation.objects.select_related("practitioner", "allocated_by"),
        ),
        Prefetch("state_changes", StateChange.objects.select_related("changed_by")),
        Prefetch(
            "planned_visits_changes", PlannedVisitsChange.objects.select_related("changed_by")
        ),
        Prefetch("goals", goals),
        Prefetch("visits", visits),
        Prefetch("deliveries", SummaryDelivery.objects.select_related("sent_by")),
        Prefetch(
            "consent_records",
            ConsentRecord.objects.select_related("caregiver", "form_version", "recorded_by"),
        ),
    )


# --- The same definitions, asked of one family's rows already loaded -------------------
# Each mirrors its SQL form above (tests/sessions/test_due_in_python.py checks that
# they agree on the same rows): change one, change its twin.


def visit_needs_outcome(visit, now):
    """``visits_needing_outcome``: booked, and its time has come and gone."""
    return visit.state == VisitState.BOOKED and visit.starts_at < now


def visit_needs_summary(visit):
    """``visits_needing_summary`` (``summary`` and ``summary_skip`` loaded with it)."""
    return (
        visit.attendance in ATTENDED_CODES
        and not hasattr(visit, "summary")
        and not hasattr(visit, "summary_skip")
    )


def goal_needs_baseline(goal):
    """``goals_needing_baseline`` (the goal's ``ratings`` prefetched)."""
    return goal.status == GoalStatus.ACTIVE and not any(
        rating.when == RatingWhen.BASELINE for rating in goal.ratings.all()
    )


def progress_of(visits, goals, consent_records, now):
    """``with_progress`` and ``with_first_steps``, from all of one programme's visits,
    goals and consent answers: ``{annotation name: value}``."""
    attended = [visit for visit in visits if visit.attendance in ATTENDED_CODES]
    live = [visit for visit in visits if visit.state != VisitState.CANCELLED]
    return {
        "visits_used": len(attended),
        "cycles_done": sum(visit.kind == VisitKind.SHARED_REVIEW for visit in attended),
        "filmings_done": sum(visit.kind == VisitKind.FILMING for visit in attended),
        "next_visit_at": min((v.starts_at for v in live if v.starts_at >= now), default=None),
        "consent_due": not consent_records,
        "goals_due": not goals,
        "first_visit_due": not live,
    }


def active_goals(programme):
    return programme.goals.filter(status=GoalStatus.ACTIVE)


def visits_used(programme):
    return programme.visits.filter(attendance__in=ATTENDED_CODES).count()


# --- Lists ------------------------------------------------------------------------------


def caseload_programmes(user, now):
    """Every open programme ``user`` may see, with progress, things to do and the
    filming consent in force, each counted in SQL, soonest next visit first: one
    query (the names of caregivers and children come after, from
    ``referrals.queries.family_members``)."""
    programmes = (
        Programme.objects.visible_to(user)
        .open()
        .with_progress(now)
        .select_related("referral", "guider")
    )
    programmes = with_filming_consent(with_needs_action(programmes, now))
    # By next visit; families with none booked after them, by when they started;
    # then by reference. The next visit is named once: PostgreSQL runs its subquery
    # for every row it sorts (a team's hundreds), once per mention.
    return programmes.order_by(
        F("next_visit_at").asc(nulls_last=True), "opened_at", "referral__reference"
    )


def _listed(programmes):
    """What a list of families shows: each one's names, guider and stage."""
    return programmes.select_related("referral", "guider").prefetch_related(
        Prefetch("referral__caregivers", queryset=Caregiver.objects.order_by("pk")),
        "referral__children",
    )


def closed_programmes(user):
    """Every programme ``user`` may see that has ended, the latest ending first:
    a guider's own, a supervisor's supervisees' too, a team lead's team's."""
    programmes = Programme.objects.visible_to(user).filter(state__in=CLOSED_STATES)
    return _listed(programmes).order_by("-ended_on", "-opened_at", "-pk")


def _name_matches(people, word):
    return Exists(
        people.filter(referral=OuterRef("referral"))
        .alias(first=Folded("first_name"), last=Folded("last_name"))
        .filter(Q(first__contains=word) | Q(last__contains=word))
    )


def find_families(user, words):
    """The programmes ``user`` may see, open or ended, where every one of ``words``
    (from ``sessions.search.search_words``) is in the family's reference, with or
    without its hyphens, or in a parent's, carer's or child's name. Newest first."""
    reference = Folded(Replace("referral__reference", Value("-"), Value("")))
    programmes = Programme.objects.visible_to(user).alias(reference_folded=reference)
    for word in words:
        programmes = programmes.filter(
            Q(reference_folded__contains=word.replace("-", ""))
            | _name_matches(Caregiver.objects.all(), word)
            | _name_matches(Child.objects.all(), word)
        )
    return _listed(programmes).order_by("-opened_at", "-pk")


def diary_visits(user, start, end):
    """``user``'s own visits starting in [start, end), with each family (its people
    come after, from ``referrals.queries.family_members``)."""
    return (
        Visit.objects.visible_to(user)
        .filter(practitioner=user, starts_at__gte=start, starts_at__lt=end)
        .select_related("programme__referral")
        .order_by("starts_at", "pk")
    )
