"""Celery adapters for programmes: take ids, call the action."""

from vig_service.tasks import task

from . import actions


@task(external_io=True)
def email_summary(delivery_id):
    """Email a session summary to the family. Once per delivery."""
    return actions.email_summary(delivery_id=delivery_id)


@task(external_io=True)
def email_closing_letter(delivery_id):
    """Email the closing letter to the family. Once per delivery."""
    return actions.email_closing_letter(delivery_id=delivery_id)
