"""Celery adapters for the schedule (ADR 0002, 0010)."""

from vig_service.tasks import task


@task(acks_late=True, reject_on_worker_lost=True)
def run_due_work(work_id):
    from .runner import run

    return run(work_id)


@task()
def sweep_due_work(dry_run=False):
    from .sweep import sweep

    return sweep(dry_run=dry_run)
