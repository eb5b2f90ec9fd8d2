"""Celery adapters for consent: take ids, call the action."""

from vig_service.tasks import task

from . import actions


@task(external_io=True)
def send_withdrawal_confirmation(record_id):
    """Confirm to the parent, in writing, what they withdrew. Once per withdrawal
    (``record_id``: the withdrawal's first record)."""
    return actions.send_withdrawal_confirmation(record_id=record_id)
