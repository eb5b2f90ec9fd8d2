"""python manage.py generate_load --families N --visits M [--seed S]

Fictional history at scale for benchmarks (reports.load). Refuses to run unless
DEBUG is on or --i-know-this-is-not-production is given: it adds a whole
service of made-up families to whatever database it is pointed at.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.load import generate


class Command(BaseCommand):
    help = "Create realistic fictional referrals, programmes, visits and ratings in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, required=True)
        parser.add_argument("--visits", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--i-know-this-is-not-production", action="store_true")

    def handle(self, *args, families, visits, seed, **options):
        if not settings.DEBUG and not options["i_know_this_is_not_production"]:
            raise CommandError(
                "generate_load adds made-up families. Run it with DEBUG on, or add "
                "--i-know-this-is-not-production."
            )
        if families < 1 or visits < 0:
            raise CommandError("--families must be at least 1 and --visits not negative.")
        began = time.monotonic()
        counts = generate(families=families, visits=visits, seed=seed)
        service = counts.pop("service")
        written = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(f"Service {service.slug}: {written} in {time.monotonic() - began:.1f} s.")
