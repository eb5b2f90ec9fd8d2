"""``manage.py sweep [--dry-run]``: run every periodic sweep once, as beat would.

It runs the tasks named in ``CELERY_BEAT_SCHEDULE`` in this process, through the
same task code beat calls, so cron or an operator can do by hand what beat does
on a timer. With ``--dry-run`` a sweep that can list its work (it takes a
``dry_run`` argument) says what it would do, and the others are only named.
"""

import inspect

from django.conf import settings
from django.core.management.base import BaseCommand

from vig_service.celery import app


class Command(BaseCommand):
    help = "Run every periodic sweep once (the same code Celery beat runs)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        app.loader.import_default_modules()
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            task = app.tasks[entry["task"]]
            kwargs = dict(entry.get("kwargs", {}))
            lists_work = "dry_run" in inspect.signature(task.run).parameters
            if dry_run and not lists_work:
                self.stdout.write(f"{name}: would run {entry['task']}")
                continue
            if lists_work:
                kwargs["dry_run"] = dry_run
            result = task.apply(args=entry.get("args", ()), kwargs=kwargs, throw=True).get()
            self._report(name, result)

    def _report(self, name, result):
        if isinstance(result, list | tuple):
            self.stdout.write(f"{name}: {len(result) or 'nothing to do'}")
            for line in result:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write(f"{name}: {result}")
