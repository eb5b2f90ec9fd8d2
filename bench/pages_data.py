"""A big trust's data, fast: the families ``bench/pages.py`` measures the staff pages on.

``build(families)`` writes, in bulk and in one transaction, one service of
``families`` referrals: a tenth in the inbox (not yet with a team), a tenth on
the waiting list, a tenth declined, and the rest allocated to guiders of ten
teams, each with a programme, visits, goals and consent. The team lead's team
holds 712 open programmes at 10,000 families, and its first guider 51 — the
shapes the issue measured. Everything scales with ``families``.

Fictional data only (``.invalid`` email addresses, made-up NHS numbers). It is
meant for an empty database: run it through ``bench/pages.py``, which makes one.
A local stand-in until ``reports``' ``generate_load`` command can build the same.
"""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccreditationStage, Role, Service, Team, User
from consent.models import ConsentFormVersion, ConsentRecord, Kind, Method, Scope
from referrals.duplicates import store_match_keys
from referrals.models import Allocation, Caregiver, Child, Referral, Relationship, Route, Status
from referrals.references import ALPHABET
from sessions.models import Goal, Programme, ProgrammeState, Visit, VisitKind, VisitState
from sessions.models.visits import Attendance, Place

PASSWORD = "bench pages password 2026"  # noqa: S105 — fictional accounts in a throwaway database
# Base32 TOTP keys (hex, as django-otp stores them) the benchmark signs in with.
KEYS = {
    "lead": "3132333435363738393031323334353637383930",
    "guider": "3132333435363738393031323334353637383931",
    "admin": "3132333435363738393031323334353637383932",
}
SURNAMES = [
    f"{a}{b}"
    for a in ("Ash", "Brook", "Clay", "Dale", "Fen", "Gill", "Holt", "Kerr")
    for b in (
        "ley",
        "ton",
        "well",
        "by",
        "field",
        "more",
        "wood",
        "ham",
        "shaw",
        "croft",
        "ridge",
        "stone",
        "ford",
        "worth",
        "mere",
        "gate",
        "ings",
        "fold",
    )
]
FIRST_NAMES = ["Sam", "Alex", "Jo", "Chris", "Pat", "Robin", "Morgan", "Jamie", "Ali", "Kit"]
TEAMS = 10
GUIDERS_PER_TEAM = 14
BATCH = 2000


def _reference(rng, used):
    while True:
        chars = "".join(rng.choice(ALPHABET) for _ in range(8))
        reference = f"VIG-{chars[:4]}-{chars[4:]}"
        if reference not in used:
            used.add(reference)
            return reference


def _staff(service, password):
    teams = Team.objects.bulk_create(
        Team(service=service, name=f"Bench team {n + 1}") for n in range(TEAMS)
    )
    people = []
    for t, team in enumerate(teams):
        people.append(
            User(
                email=f"lead{t}@bench.invalid",
                full_name=f"Lead {t}",
                role=Role.TEAM_LEAD,
                team=team,
                password=password,
            )
        )
        for g in range(GUIDERS_PER_TEAM):
            people.append(
                User(
                    email=f"guider{t}-{g}@bench.invalid",
                    full_name=f"Guider {t}-{g}",
                    role=Role.PRACTITIONER,
                    team=team,
                    password=password,
                    accreditation_stage=AccreditationStage.ACCREDITED,
                )
            )
    people.append(
        User(
            email="admin@bench.invalid",
            full_name="Bench Admin",
            is_staff=True,
            is_superuser=True,
            role=Role.SERVICE_ADMIN,
            password=password,
        )
    )
    User.objects.bulk_create(people)
    users = {u.email: u for u in User.objects.all()}
    personas = {
        "lead": users["lead0@bench.invalid"],
        "guider": users["guider0-0@bench.invalid"],
        "admin": users["admin@bench.invalid"],
    }
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name="Authenticator app", key=KEYS[name], confirmed=True)
        for name, user in personas.items()
    )
    guiders = {
        team.pk: [users[f"guider{t}-{g}@bench.invalid"] for g in range(GUIDERS_PER_TEAM)]
        for t, team in enumerate(teams)
    }
    return teams, guiders, personas


def _families(rng, service, families, now):
    """Referrals with their caregivers and children; a few families referred twice."""
    used = set()
    referrals, people = [], []
    for n in range(families):
        band = n * 10 // families  # 0: inbox, 1: waiting, 2: declined, 3–9: allocated
        status = [Status.NEW, Status.WAITING, Status.DECLINED][band] if band < 3 else None
        if band == 0 and n % 10 == 0:
            status = Status.INFO_REQUESTED
        received = now - timedelta(days=rng.randint(1, 720), minutes=n)
        referrals.append(
            Referral(
                reference=_reference(rng, used),
                service=service,
                route=Route.SELF,
                source="B1",
                received_at=received,
                status_changed_at=received,
                status=status or Status.ALLOCATED,
                priority=2 if n % 7 == 0 else 1,
                help_wanted="Help with bonding.",
            )
        )
        surname = rng.choice(SURNAMES)
        unit = rng.choice("ABDEFGHJ") + rng.choice("LNPQRSTU")
        postcode = f"SK{rng.randint(1, 9)} {rng.randint(1, 9)}{unit}"
        birth = (now - timedelta(days=rng.randint(30, 1100))).date()
        nhs = f"9{rng.randint(0, 999_999_999):09d}" if rng.random() < 0.7 else ""
        if band == 0 and n % 25 == 0 and n:  # the same child referred again
            surname, postcode, birth, nhs = people[-1][1:]
        people.append((n, surname, postcode, birth, nhs))
    for start in range(0, len(referrals), BATCH):
        Referral.objects.bulk_create(referrals[start : start + BATCH])
    caregivers, children = [], []
    for referral, (n, surname, postcode, birth, nhs) in zip(referrals, people, strict=True):
        caregivers.append(
            Caregiver(
                referral=referral,
                first_name=FIRST_NAMES[n % 10],
                last_name=surname,
                relationship=Relationship.MOTHER,
                postcode=postcode,
                email=f"family{n}@bench.invalid",
            )
        )
        if n % 5 < 3:
            caregivers.append(
                Caregiver(
                    referral=referral,
                    first_name=FIRST_NAMES[(n + 3) % 10],
                    last_name=surname,
                    relationship=Relationship.FATHER,
                    postcode=postcode,
                )
            )
        children.append(
            Child(
                referral=referral,
                first_name="Baby",
                last_name=surname,
                date_of_birth=birth,
                nhs_number=nhs,
            )
        )
    Caregiver.objects.bulk_create(caregivers, batch_size=BATCH)
    Child.objects.bulk_create(children, batch_size=BATCH)
    store_match_keys(referrals)
    return referrals, caregivers


def _programmes(rng, allocated, teams, guiders, lead, now):
    """Allocate the families: the lead's team 712 open (at 10,000), the rest spread."""
    lead_team = teams[0]
    lead_share = round(len(allocated) * 800 / 7000)
    programmes, allocations = [], []
    slots = {}
    for i, referral in enumerate(allocated):
        team = lead_team if i < lead_share else teams[1 + i % (TEAMS - 1)]
        closed = i % 9 == 8  # about one in nine has ended (712 of 800 open)
        guider = guiders[team.pk][i % GUIDERS_PER_TEAM]
        referral.team, referral.allocated_to = team, guider
        opened = referral.received_at + timedelta(days=14)
        state = (
            ProgrammeState.COMPLETED
            if closed
            else rng.choice(
                [
                    ProgrammeState.ACTIVE,
                    ProgrammeState.ACTIVE,
                    ProgrammeState.PRE_VIG,
                    ProgrammeState.PAUSED,
                ]
            )
        )
        programmes.append(
            Programme(
                referral=referral,
                team=team,
                guider=guider,
                state=state,
                opened_at=opened,
                ended_on=now.date() if closed else None,
                end_reason="completed" if closed else "",
            )
        )
        allocations.append(
            Allocation(
                referral=referral, practitioner=guider, allocated_by=lead, allocated_at=opened
            )
        )
        slots.setdefault(guider.pk, [0, 0])
    Referral.objects.bulk_update(allocated, ["team", "allocated_to"], batch_size=BATCH)
    Programme.objects.bulk_create(programmes, batch_size=BATCH)
    Allocation.objects.bulk_create(allocations, batch_size=BATCH)
    return programmes, slots


def _visit(programme, slot, future, now, **fields):
    """Visits one per slot, two hours apart on weekdays, never overlapping a guider's others."""
    day, hour = divmod(slot, 4)
    start = (now + timedelta(days=day + 1) if future else now - timedelta(days=day + 1)).replace(
        hour=9 + 2 * hour, minute=0, second=0, microsecond=0
    )
    return Visit(
        programme=programme,
        team_id=programme.team_id,
        practitioner=programme.guider,
        created_by=programme.guider,
        starts_at=start,
        ends_at=start + timedelta(minutes=60),
        place=Place.HOME,
        **fields,
    )


def _work(rng, programmes, slots, caregivers, forms, now):
    """Visits, goals and consent for each programme."""
    by_referral = {}
    for caregiver in caregivers:
        by_referral.setdefault(caregiver.referral_id, []).append(caregiver)
    visits, goals, consent = [], [], []
    for i, programme in enumerate(programmes):
        past, future = slots[programme.guider_id]
        done = 3 if programme.state != ProgrammeState.PRE_VIG else 1
        for k in range(done):
            kind = [VisitKind.FIRST_MEETING, VisitKind.FILMING, VisitKind.SHARED_REVIEW][k]
            visits.append(
                _visit(
                    programme,
                    past + k,
                    False,
                    now,
                    kind=kind,
                    state=VisitState.HAPPENED,
                    attendance=Attendance.ATTENDED,
                    outcome_recorded_at=now,
                )
            )
        past += done
        if i % 6 == 0:  # a visit whose outcome is still to record
            visits.append(_visit(programme, past, False, now, kind=VisitKind.FILMING))
            past += 1
        if not programme.ended_on:
            for k in range(2):
                visits.append(_visit(programme, future + k, True, now, kind=VisitKind.FILMING))
            future += 2
        slots[programme.guider_id] = [past, future]
        if i % 5:
            goals += [
                Goal(
                    programme=programme,
                    text=f"Goal {g}",
                    helping_question="How?",
                    created_by=programme.guider,
                )
                for g in range(2)
            ]
        if i % 4:
            for caregiver in by_referral[programme.referral_id]:
                consent += [
                    ConsentRecord(
                        programme=programme,
                        caregiver=caregiver,
                        scope=scope,
                        kind=Kind.GIVEN,
                        granted=rng.random() < 0.8,
                        form_version=forms,
                        method=Method.PAPER,
                        recorded_by=programme.guider,
                    )
                    for scope in Scope
                ]
    Visit.objects.bulk_create(visits, batch_size=BATCH)
    Goal.objects.bulk_create(goals, batch_size=BATCH)
    ConsentRecord.objects.bulk_create(consent, batch_size=BATCH)
    return len(visits), len(goals), len(consent)


@transaction.atomic
def build(families=10_000, seed=13):
    """Write the data set; return the personas' emails and the case page's reference."""
    rng = random.Random(seed)  # noqa: S311 — repeatable fictional data, not secrets
    now = timezone.now()
    password = make_password(PASSWORD)
    service = Service.objects.create(
        name="Bench Trust VIG Service",
        slug="bench-trust",
        contact_phone="01632 960 000",
        contact_email="vig@bench.invalid",
        eligible_areas="SK",
        max_child_age_months=60,
    )
    forms = ConsentFormVersion.objects.create(
        service=service, version="1", effective_from=now.date() - timedelta(days=900), text="…"
    )
    teams, guiders, personas = _staff(service, password)
    referrals, caregivers = _families(rng, service, families, now)
    allocated = referrals[len(referrals) * 3 // 10 :]
    programmes, slots = _programmes(rng, allocated, teams, guiders, personas["lead"], now)
    counts = _work(rng, programmes, slots, caregivers, forms, now)
    case = next(p for p in programmes if p.guider_id == personas["guider"].pk and not p.ended_on)
    return {
        "personas": {name: user.email for name, user in personas.items()},
        "password": PASSWORD,
        "keys": KEYS,
        "case": case.referral.reference,
        "rows": {
            "families": families,
            "programmes": len(programmes),
            "visits": counts[0],
            "goals": counts[1],
            "consent": counts[2],
        },
    }
