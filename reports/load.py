"""Realistic fictional history at scale, for benchmarks (``generate_load``).

Importable by other work (page performance benchmarks): ``generate(families=…,
visits=…, seed=…)`` builds one service with teams, staff, and three years of
referrals (seasonal: fewer in August, more in January), programmes, visits
with realistic attendance, goals and GBO ratings. On PostgreSQL rows go in by
``COPY``; elsewhere (SQLite, for tests) by ``bulk_create``. Nothing here is a
real person: names are "Load", contact details empty.
"""

import csv
import io
import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import AccreditationStage, Role, Service, Team, User
from referrals.models import Allocation, Caregiver, Child, Referral
from sessions.models import Goal, GoalRating, Programme, Visit

YEARS = 3
NO_PASSWORD = make_password(None)  # nobody signs in as a generated person
CHUNK = 50_000
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Fewer referrals in the summer holidays, more after Christmas.
SEASON = {m: 1 + 0.25 * math.cos(2 * math.pi * (m - 1) / 12) for m in range(1, 13)}
ETHNICITY = ["A"] * 74 + ["B"] + ["C"] * 6 + ["D", "E", "F", "G"] + ["H"] * 3 + ["J"] * 3
ETHNICITY += ["K", "L", "M", "N", "N", "P", "R", "S", "Z", "Z", ""]
ATTENDANCE = [("5", 80), ("6", 4), ("7", 1), ("3", 6), ("2", 5), ("4", 4)]
PLACES = [("home", 70), ("family_hub", 15), ("clinic", 10), ("other", 5)]
MECHANISMS = [("01", 90), ("11", 7), ("02", 3)]
SOURCES = [("A2", 40), ("A4", 20), ("A1", 10), ("C1", 12), ("C2", 5), ("G4", 8), ("M6", 5)]
LANGUAGES = ["Polish", "Urdu", "Bengali", "Arabic", "Romanian"]
END_REASONS = ["family_withdrew", "moved_away", "not_brought", "other"]


def _weighted(rng, pairs):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def _reference(number):
    chars = []
    for _ in range(8):
        number, rest = divmod(number, 32)
        chars.append(ALPHABET[rest])
    code = "".join(reversed(chars))
    return f"VIG-{code[:4]}-{code[4:]}"


@dataclass
class Writer:
    """Rows into a table: COPY on PostgreSQL, bulk_create elsewhere."""

    rows_written: dict = field(default_factory=dict)

    def write(self, model, columns, rows):
        if connection.vendor == "postgresql":
            self._copy(model, columns, rows)
        else:
            self._bulk(model, columns, rows)

    def _bulk(self, model, columns, rows):
        batch = []
        for row in rows:
            batch.append(model(**dict(zip(columns, row, strict=True))))
            if len(batch) >= 2000:
                model.objects.bulk_create(batch)
                self._count(model, len(batch))
                batch = []
        model.objects.bulk_create(batch)
        self._count(model, len(batch))

    def _copy(self, model, columns, rows):
        table = model._meta.db_table
        names = ", ".join(f'"{model._meta.get_field(c).column}"' for c in columns)
        sql = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        buffer, writer, n = io.StringIO(), None, 0
        writer = csv.writer(buffer)
        with connection.cursor() as cursor:
            for row in rows:
                writer.writerow(["\\N" if v is None else _pg(v) for v in row])
                n += 1
                if n % CHUNK == 0:
                    self._flush(cursor, sql, buffer)
                    buffer = io.StringIO()
                    writer = csv.writer(buffer)
            self._flush(cursor, sql, buffer)
        self._count(model, n)

    @staticmethod
    def _flush(cursor, sql, buffer):
        buffer.seek(0)
        cursor.cursor.copy_expert(sql, buffer)

    def _count(self, model, n):
        self.rows_written[model.__name__] = self.rows_written.get(model.__name__, 0) + n


def _pg(value):
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _next_id(model):
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _reset_sequences(models):
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            # Table names come from the models, never from input.
            sql = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"  # noqa: S608, E501
            cursor.execute(sql)


def _existing_staff(service):
    teams = []
    for team in service.teams.all():
        lead = User.objects.filter(team=team, role=Role.TEAM_LEAD).first()
        practitioners = list(User.objects.filter(team=team, role=Role.PRACTITIONER))
        teams.append((team, lead, practitioners))
    return service, teams


def _staff(rng, seed, families, visits):
    """One service, teams of a lead, practitioners (some trainees) and a supervisor."""
    stamp = f"{seed}-{uuid.uuid4().hex[:6]}"
    service = Service.objects.create(name=f"Load test service {stamp}", slug=f"load-{stamp}")
    team_count = max(1, families // 5000)
    # ~2,500 visits per practitioner over three years: about three a working day.
    per_team = max(2, math.ceil(visits / (team_count * 2500)))
    teams, people = [], []
    for t in range(team_count):
        team = Team.objects.create(service=service, name=f"Load team {t + 1}")
        lead = User(
            email=f"lead{t}-{stamp}@load.invalid",
            full_name=f"Lead {t + 1}",
            role=Role.TEAM_LEAD,
            team=team,
            password=NO_PASSWORD,
        )
        supervisor = User(
            email=f"sup{t}-{stamp}@load.invalid",
            full_name=f"Supervisor {t + 1}",
            role=Role.SUPERVISOR,
            team=team,
            password=NO_PASSWORD,
            accreditation_stage=AccreditationStage.SUPERVISOR,
        )
        practitioners = [
            User(
                email=f"p{t}-{i}-{stamp}@load.invalid",
                full_name=f"Practitioner {t + 1}.{i + 1}",
                team=team,
                password=NO_PASSWORD,
                accreditation_stage=rng.choice(
                    [
                        AccreditationStage.STAGE_1,
                        AccreditationStage.STAGE_2,
                        AccreditationStage.STAGE_3,
                    ]
                    + [AccreditationStage.ACCREDITED] * 3
                ),
            )
            for i in range(per_team)
        ]
        User.objects.bulk_create([lead, supervisor, *practitioners])
        teams.append(
            (
                team,
                User.objects.get(email=lead.email),
                list(User.objects.filter(team=team, role=Role.PRACTITIONER)),
            )
        )
        people.extend(practitioners)
    return service, teams


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
            service, teams = _staff(rng, seed, families, visits)
        else:
            service, teams = _existing_staff(service)
        referral_id, caregiver_id = _next_id(Referral), _next_id(Caregiver)
        programme_id, goal_id = _next_id(Programme), _next_id(Goal)
        referrals, caregivers, children, allocations, programmes = [], [], [], [], []
        plan = []  # (programme id, guider id, opened, visit count, closed?, team lead id)
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
                else _weighted(rng, SOURCES)
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
                        plan.append((pid, guider.pk, allocated_at, count, closed))
            priority = 2 if rng.random() < 0.1 else 1
            referrals.append(
                (
                    rid,
                    _reference(seed * 10**8 + rid),
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
            _visits(rng, plan, now, goals, ratings, goal_id, _taken_slots(service)),
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
        _reset_sequences(
            [Referral, Caregiver, Child, Allocation, Programme, Visit, Goal, GoalRating]
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"service": service, **writer.rows_written}


VISIT_COLUMNS = [
    "public_id",
    "programme_id",
    "practitioner_id",
    "kind",
    "state",
    "starts_at",
    "duration_minutes",
    "ends_at",
    "place",
    "place_detail",
    "mechanism",
    "attendance",
    "cancelled_on",
    "cancelled_at",
    "notes",
    "created_by_id",
    "created_at",
    "outcome_recorded_at",
]


def _kind(j, count, closed):
    if j == 0:
        return "first_meeting"
    if closed and j == count - 1:
        return "ending"
    if j == 1:
        return "pre_vig"
    return "filming" if j % 2 == 0 else "shared_review"


def _taken_slots(service):
    """The hours already booked for the service's practitioners (when adding to it)."""
    taken = {}
    booked = Visit.objects.filter(practitioner__team__service=service).values_list(
        "practitioner_id", "starts_at"
    )
    for practitioner, starts_at in booked.iterator():
        start = starts_at.astimezone(UTC)
        taken.setdefault(practitioner, set()).add(start.date().toordinal() * 24 + start.hour)
    return taken


def _visits(rng, plan, now, goals, ratings, goal_id, taken):
    """Every programme's visits, about weekly, never two at once for a practitioner."""
    for pid, guider, opened, count, closed in plan:
        busy = taken.setdefault(guider, set())
        day = opened.date() + timedelta(days=rng.randint(3, 10))
        first_seen = None
        future = 0
        for j in range(count):
            while day.weekday() >= 5:
                day += timedelta(days=1)
            hours = list(range(9, 17))
            rng.shuffle(hours)
            slot = next((h for h in hours if day.toordinal() * 24 + h not in busy), None)
            if slot is None:
                day += timedelta(days=1)
                continue
            busy.add(day.toordinal() * 24 + slot)
            starts = datetime.combine(day, time(slot), tzinfo=UTC)
            minutes = rng.choice((45, 60, 60, 60))
            kind = _kind(j, count, closed)
            if starts >= now:
                future += 1
                if future > 2:
                    break
                attendance, state = "0", "booked"
            elif rng.random() < 0.003:
                attendance, state = "0", "booked"  # past, outcome not yet recorded
            else:
                attendance = _weighted(rng, ATTENDANCE)
                state = "cancelled" if attendance in ("2", "4") else "happened"
            cancelled_on = (
                (starts - timedelta(days=rng.randint(1, 3))).date()
                if state == "cancelled"
                else None
            )
            cancelled_at = (
                datetime.combine(cancelled_on, time(9), tzinfo=UTC) if cancelled_on else None
            )
            if attendance in ("5", "6") and first_seen is None:
                first_seen = day
            yield (
                uuid.uuid4(),
                pid,
                guider,
                kind,
                state,
                starts,
                minutes,
                starts + timedelta(minutes=minutes),
                _weighted(rng, PLACES),
                "",
                _weighted(rng, MECHANISMS),
                attendance,
                cancelled_on,
                cancelled_at,
                "",
                guider,
                starts - timedelta(days=7),
                starts + timedelta(hours=2) if state == "happened" else None,
            )
            day += timedelta(days=7 + rng.randint(-1, 2))
        if first_seen is not None and count >= 2:
            for _ in range(rng.choice((1, 2, 2, 3))):
                gid = goal_id + len(goals)
                created = datetime.combine(first_seen, time(12), tzinfo=UTC)
                goals.append(
                    (
                        gid,
                        uuid.uuid4(),
                        pid,
                        "A goal in the parent's words",
                        "How can I…?",
                        "active",
                        None,
                        guider,
                        created,
                        None,
                    )
                )
                baseline = rng.randint(0, 5)
                ratings.append(
                    (gid, baseline, "baseline", None, "2.0", first_seen, guider, created)
                )
                last_day = min(day, now.date())
                if last_day > first_seen:
                    score = max(0, min(10, round(baseline + rng.gauss(3, 2))))
                    when = "ending" if closed else "review"
                    ratings.append((gid, score, when, None, "2.0", last_day, guider, created))
