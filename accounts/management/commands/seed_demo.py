"""Fictional demo data for `make run`: two services, their teams and staff.

Everything here is made up: names, addresses and numbers come from ranges set
aside for fiction (``.example`` email domains, Ofcom's 01632 960xxx drama
numbers). Passwords are generated on every run and printed, never stored in code.
Running it again is safe: it fills in what is missing and issues fresh passwords.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.actions import create_staff_user, generate_password
from accounts.models import AccreditationStage, Role, Service, Team, User
from vig_service import demo

SERVICES = [
    {
        # Modelled on a service taking families in its area with a child under 5.
        "slug": "northmoor",
        "name": "Northmoor Family Hubs VIG Service",
        "contact_phone": "01632 960 101",
        "contact_email": "vig@northmoor.example",
        "settings": {
            "description": (
                "Run by Northmoor's health visiting team from its family hubs. Sessions "
                "take place at home, at a family hub, or at a clinic base."
            ),
            "eligible_areas": "NM1, NM2, NM3, NM4 1, NM4 2",
            "max_child_age_months": 60,
            "accepts_unborn": False,
            "requires_relationship_need": False,
            "self_referral_open": True,
            "professional_referral_open": True,
            "waiting_target_weeks": 18,
            "default_programme_visits": 8,
        },
        "teams": {
            "Northmoor Health Visiting": [
                ("lead", "Priya Shah", Role.TEAM_LEAD, AccreditationStage.ACCREDITED),
                ("guider", "Hannah Okafor", Role.PRACTITIONER, AccreditationStage.ACCREDITED),
                ("trainee", "Tom Griffiths", Role.PRACTITIONER, AccreditationStage.STAGE_2),
                ("supervisor", "Margaret Lowe", Role.SUPERVISOR, AccreditationStage.SUPERVISOR),
            ],
        },
    },
    {
        # Modelled on a parent-infant team: infants up to 2, unborn babies included.
        "slug": "riverside",
        "name": "Riverside Parent-Infant Relationship Service",
        "contact_phone": "01632 960 202",
        "contact_email": "parentinfant@riverside.example",
        "settings": {
            "description": (
                "A specialist parent-infant relationship team for babies up to 2 years "
                "old, and for parents expecting a baby, where there is an identified "
                "need in the relationship between parent and baby."
            ),
            "eligible_areas": "RV1, RV2, RV3",
            "max_child_age_months": 24,
            "accepts_unborn": True,
            "requires_relationship_need": True,
            "self_referral_open": False,
            "professional_referral_open": True,
            "waiting_target_weeks": 12,
            "default_programme_visits": 8,
        },
        "teams": {
            "Riverside Parent-Infant Team": [
                ("lead", "Daniel Mensah", Role.TEAM_LEAD, AccreditationStage.ACCREDITED),
                ("guider", "Aisha Rahman", Role.PRACTITIONER, AccreditationStage.ACCREDITED),
                ("trainee", "Chloe Evans", Role.PRACTITIONER, AccreditationStage.STAGE_1),
                ("supervisor", "Sunita Patel", Role.SUPERVISOR, AccreditationStage.SUPERVISOR),
            ],
        },
    },
]

ADMIN_EMAIL = "admin@vig-demo.example"


class Command(BaseCommand):
    help = "Create fictional demo services, teams and staff, and print their sign-in details."

    @transaction.atomic
    def handle(self, *args, **options):
        rows = []
        for spec in SERVICES:
            service, _ = Service.objects.update_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "contact_phone": spec["contact_phone"],
                    "contact_email": spec["contact_email"],
                    **spec["settings"],
                },
            )
            for team_name, people in spec["teams"].items():
                team, _ = Team.objects.get_or_create(service=service, name=team_name)
                created = {}
                for key, name, role, stage in people:
                    email = f"{key}@{spec['slug']}.example"
                    user, password = self._staff(email, name, role, team, stage)
                    created[key] = user
                    rows.append((user, password))
                trainee, supervisor = created.get("trainee"), created.get("supervisor")
                if trainee and supervisor and trainee.supervisor_id != supervisor.pk:
                    trainee.supervisor = supervisor
                    trainee.save(update_fields=["supervisor"])
                demo.seed_consent_form(service)
                demo.seed_families(
                    service,
                    lead=created["lead"],
                    guider=created["guider"],
                    write=self.stdout.write,
                )
        admin, password = self._staff(
            ADMIN_EMAIL, "Demo Administrator", Role.SERVICE_ADMIN, None, AccreditationStage.NONE
        )
        if not admin.is_superuser:
            admin.is_superuser = admin.is_staff = True
            admin.save(update_fields=["is_superuser", "is_staff"])
        rows.append((admin, password))
        self._print(rows)

    def _staff(self, email, name, role, team, stage):
        password = generate_password()
        user = User.objects.filter(email=email).first()
        if user is None:
            user = create_staff_user(
                email=email,
                full_name=name,
                role=role,
                team=team,
                password=password,
                accreditation_stage=stage,
                send_welcome=False,
            )
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        return user, password

    def _print(self, rows):
        out = self.stdout
        out.write("")
        out.write(
            self.style.MIGRATE_HEADING("Demo staff (fictional). Passwords are new on every run:")
        )
        for user, password in rows:
            team = user.team.name if user.team_id else "all services (Django admin)"
            out.write(f"  {user.email:<32} {password}   {user.get_role_display()}, {team}")
        out.write("")
        out.write(
            "Sign in at /staff/ with an email and password above. The first time, you set up\n"
            "two-factor authentication: scan the QR code with an authenticator app (or type\n"
            "the key shown into one, or run `oathtool --totp -b KEY`) and enter the code."
        )
