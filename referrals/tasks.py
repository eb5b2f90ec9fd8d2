"""Celery adapters for referrals: take ids, call the action."""

from vig_service.tasks import task

from . import actions


@task(external_io=True)
def send_acknowledgement(referral_id):
    """Thank whoever referred, with the reference. Once per referral
    (``referrals.actions.send_acknowledgement``)."""
    return actions.send_acknowledgement(referral_id=referral_id)
