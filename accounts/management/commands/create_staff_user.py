"""Create a member of staff: `manage.py create_staff_user EMAIL --role ROLE --team TEAM`."""

import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.actions import StaffAccountError, create_staff_user, generate_password
from accounts.models import AccreditationStage, Role, Team


class Command(BaseCommand):
    help = (
        "Create a staff account. Prompts for a password, or generates one with "
        "--generate-password (printed once). The person sets up two-factor "
        "authentication the first time they sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", required=True, help="Full name, as colleagues know them.")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--team",
            help="Team name, or 'Service name / Team name' when names repeat across services. "
            "Not needed for service administrators.",
        )
        parser.add_argument(
            "--stage",
            default="",
            choices=[v for v in AccreditationStage.values if v],
            help="VIG accreditation stage of a guider.",
        )
        parser.add_argument("--generate-password", action="store_true")
        parser.add_argument("--no-email", action="store_true", help="Don't send a welcome email.")

    def handle(self, *args, **options):
        team = self._find_team(options["team"]) if options["team"] else None
        if options["generate_password"]:
            password = generate_password()
        else:
            password = self._prompt_password()
        try:
            user = create_staff_user(
                email=options["email"],
                full_name=options["name"],
                role=options["role"],
                team=team,
                password=password,
                accreditation_stage=options["stage"],
                send_welcome=not options["no_email"],
            )
        except StaffAccountError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Created {user.email} ({user.get_role_display()})."))
        if options["generate_password"]:
            self.stdout.write(f"Password: {password}")

    def _find_team(self, name):
        if "/" in name:
            service_name, team_name = (part.strip() for part in name.split("/", 1))
            teams = Team.objects.filter(service__name__iexact=service_name, name__iexact=team_name)
        else:
            teams = Team.objects.filter(name__iexact=name.strip())
        teams = list(teams.select_related("service")[:2])
        if not teams:
            raise CommandError(f"No team called {name!r}. Create it in the admin first.")
        if len(teams) > 1:
            raise CommandError(f"More than one team is called {name!r}: use 'Service / Team'.")
        return teams[0]

    def _prompt_password(self):
        if not self.stdin_is_interactive():
            raise CommandError("No terminal to ask for a password: use --generate-password.")
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords do not match. Try again.")
                continue
            try:
                validate_password(password)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password

    @staticmethod
    def stdin_is_interactive():
        import sys

        return sys.stdin.isatty()
