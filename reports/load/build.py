"""Referrals, caregivers, children, allocations and programmes; then the rest."""

import math
import random
import uuid
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from referrals.models import Allocation, Caregiver, Child, Referral
from sessions.models import Goal, GoalRating, Programme, Visit

from .constants import (
    END_REASONS,
    ETHNICITY,
    LANGUAGES,
    SEASON,
    SOURCES,
    YEARS,
    reference_for,
    weighted,
)
from .staff import existing_staff, new_staff
from .visits import VISIT_COLUMNS, taken_slots, visit_rows
from .writer import Writer, next_id, reset_sequences


def _received_at(rng, start, days):
    while True:
        moment = start + timedelta(days=rng.random() * days)
        if rng.random() * 1.25 < SEASON[moment.month]:
            return moment.replace(hour=rng.randint(8, 17), minute=rng.randint(0, 59))


def generate(*, families, visits, seed=1, now=None, service=None):
    """Create ``families`` referrals and about ``visits`` visits, in a new service or in
    ``service`` (one made here before). Returns the service and the rows written."""
    rng = random.Random(seed)  # noqa: S311 — fictional data, repeatable by seed
    now = now or timezone.now()
    start = now - timedelta(days=365 * YEARS)
    writer = Writer()
    with transaction.atomic():
        if service is None:
            service, teams = new_staff(rng, seed, families, visits)
        else:
            service, teams = existing_staff(service)
        referral_id, caregiver_id = next_id(Referral), next_id(Caregiver)
        programme_id, goal_id = next_id(Programme), next_id(Goal)
        referrals, caregivers, children, allocations, programmes = [], [], [], [], []
        plan = []  # (programme id, guider id, opened, visit count, closed?, team id)
        accepted_share = 0.85
        # Recent programmes have only their first visits (and two booked ahead): at 100k
        # families over three years that leaves about 1/9 of the planned visits unmade
        # (measured: 888,618 of 1,000,000), so plan that many more.
        per_programme = max(1, round(1.125 * visits / (families * accepted_share * 0.95)))
        for i in range(families):
            rid = referral_id + i
            team, lead, practitioners = rng.choice(teams)
            received = _received_at(rng, start, 365 * YEARS)
            age = (now - received).days
            route = "self" if rng.random() < 0.35 else "professional"
            source = (
                ("B1" if rng.random() < 0.85 else "B2")
                if route == "self"
                else weighted(rng, SOURCES)
            )
            status, allocated_to, discharge = "new", None, None
            if age < 14:
                status = rng.choice(["new", "info_requested"])
            else:
                roll = rng.random()
                if roll < 0.08:
                    status = "declined"
                elif roll < 0.15:
                    status = "signposted"
                else:
                    wait = min(rng.lognormvariate(math.log(40), 0.7), 600)
                    allocated_at = received + timedelta(days=wait)
                    if allocated_at >= now:
                        status = "waiting"
                    else:
                        status = "allocated"
                        guider = rng.choice(practitioners)
                        allocated_to = guider.pk
                        count = max(1, int(rng.gauss(per_programme, per_programme / 3)))
                        last = allocated_at + timedelta(days=7 * count + 7)
                        closed = last < now - timedelta(days=14)
                        ended_on = last.date() if closed else None
                        discharge = ended_on
                        pid = programme_id + len(programmes)
                        if closed:
                            completed = count >= 6 and rng.random() < 0.75
                            state = "completed" if completed else "ended_early"
                            reason = "completed" if completed else rng.choice(END_REASONS)
                        else:
                            state = rng.choices(["pre_vig", "active", "paused"], [2, 7, 1])[0]
                            reason = ""
                        programmes.append(
                            (
                                pid,
                                rid,
                                team.pk,
                                guider.pk,
                                None,
                                state,
                                8,
                                allocated_at,
                                ended_on,
                                reason,
                                "",
                                "",
                            )
                        )
                        allocations.append((rid, guider.pk, lead.pk, allocated_at, None))
                        plan.append((pid, guider.pk, allocated_at, count, closed, team.pk))
            priority = 2 if rng.random() < 0.1 else 1
            referrals.append(
                (
                    rid,
                    reference_for(seed * 10**8 + rid),
                    uuid.uuid4(),
                    service.pk,
                    route,
                    source,
                    received,
                    status,
                    priority,
                    received,
                    None,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    route == "professional",
                    team.pk,
                    allocated_to,
                    discharge,
                )
            )
            relationship = rng.choices(
                ["mother", "father", "foster_carer", "grandparent", "other"], [85, 7, 3, 3, 2]
            )[0]
            language = "English" if rng.random() < 0.88 else rng.choice(LANGUAGES)
            interpreter = language != "English" and rng.random() < 0.4
            caregivers.append(
                (
                    referral_id and caregiver_id + len(caregivers),
                    rid,
                    "Load",
                    "Family",
                    relationship,
                    "",
                    "",
                    "",
                    "",
                    "",
                    None,
                    "",
                    "SK1 3XE",
                    language,
                    interpreter,
                    "",
                    rng.choice(ETHNICITY),
                    "",
                    "",
                )
            )
            if rng.random() < 0.25:
                caregivers.append(
                    (
                        caregiver_id + len(caregivers),
                        rid,
                        "Load",
                        "Family",
                        "father",
                        "",
                        "",
                        "",
                        "",
                        "",
                        None,
                        "",
                        "SK1 3XE",
                        language,
                        interpreter,
                        "",
                        rng.choice(ETHNICITY),
                        "",
                        "",
                    )
                )
            if rng.random() < 0.2:
                children.append(
                    (
                        rid,
                        "",
                        "",
                        None,
                        (received + timedelta(days=rng.randint(30, 150))).date(),
                        "",
                    )
                )
            else:
                children.append(
                    (rid, "", "", (received - timedelta(days=rng.randint(0, 900))).date(), None, "")
                )
        writer.write(
            Referral,
            [
                "id",
                "reference",
                "submission_key",
                "service_id",
                "route",
                "source",
                "received_at",
                "status",
                "priority",
                "status_changed_at",
                "acknowledged_at",
                "help_wanted",
                "relationship_need",
                "other_professionals",
                "safeguarding_concerns",
                "referrer_name",
                "referrer_role",
                "referrer_organisation",
                "referrer_email",
                "referrer_phone",
                "family_agreed",
                "team_id",
                "allocated_to_id",
                "discharge_date",
            ],
            referrals,
        )
        writer.write(
            Caregiver,
            [
                "id",
                "referral_id",
                "first_name",
                "last_name",
                "relationship",
                "relationship_other",
                "pronouns",
                "phone",
                "email",
                "preferred_contact",
                "safe_to_leave_message",
                "address",
                "postcode",
                "language",
                "interpreter_needed",
                "access_needs",
                "ethnicity",
                "gender",
                "sexual_orientation",
            ],
            caregivers,
        )
        writer.write(
            Child,
            ["referral_id", "first_name", "last_name", "date_of_birth", "due_date", "nhs_number"],
            children,
        )
        writer.write(
            Allocation,
            ["referral_id", "practitioner_id", "allocated_by_id", "allocated_at", "ended_at"],
            allocations,
        )
        writer.write(
            Programme,
            [
                "id",
                "referral_id",
                "team_id",
                "guider_id",
                "supervisor_id",
                "state",
                "planned_visits",
                "opened_at",
                "ended_on",
                "end_reason",
                "end_reason_detail",
                "ending_summary",
            ],
            programmes,
        )
        del referrals, caregivers, children, allocations, programmes
        goals, ratings = [], []
        writer.write(
            Visit,
            VISIT_COLUMNS,
            visit_rows(rng, plan, now, goals, ratings, goal_id, taken_slots(service)),
        )
        writer.write(
            Goal,
            [
                "id",
                "public_id",
                "programme_id",
                "text",
                "helping_question",
                "status",
                "revised_to_id",
                "created_by_id",
                "created_at",
                "status_changed_at",
            ],
            goals,
        )
        writer.write(
            GoalRating,
            [
                "goal_id",
                "score",
                "when",
                "visit_id",
                "measure_version",
                "rated_on",
                "recorded_by_id",
                "recorded_at",
            ],
            ratings,
        )
        reset_sequences(
            [Referral, Caregiver, Child, Allocation, Programme, Visit, Goal, GoalRating]
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"service": service, **writer.rows_written}
