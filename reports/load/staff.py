"""The generated service's teams and staff."""

import math
import uuid

from accounts.models import AccreditationStage, Role, Service, Team, User

from .constants import NO_PASSWORD


def existing_staff(service):
    teams = []
    for team in service.teams.all():
        lead = User.objects.filter(team=team, role=Role.TEAM_LEAD).first()
        practitioners = list(User.objects.filter(team=team, role=Role.PRACTITIONER))
        teams.append((team, lead, practitioners))
    return service, teams


def new_staff(rng, seed, families, visits):
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
