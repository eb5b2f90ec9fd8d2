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


@task(external_io=True)
def send_referral_email(referral_id, what, about_id, practitioner_id=None):
    """Allocation to the practitioner; a triage decision to the referrer or family."""
    from referrals.models import Referral

    from . import referral_messages
    from .staff_mail import email_once

    referral = Referral.objects.select_related("service").filter(pk=referral_id).first()
    if referral is None:
        return 0
    key = f"referral:{what}:{about_id}"
    if what == "allocated":
        from accounts.models import User

        practitioner = User.objects.filter(pk=practitioner_id, is_active=True).first()
        if practitioner is None:
            return 0
        return int(
            email_once(
                key=f"{key}:{practitioner.pk}",
                to=practitioner.email,
                subject=f"New family allocated to you: {referral.reference}",
                body=f"{referral.reference} has been allocated to you. "
                "It is on your staff home page and in My tasks.",
                service=referral.service,
                template="allocated",
            )
        )
    note = referral.status_changes.filter(pk=about_id).values_list("note", flat=True).first()
    subject, body = referral_messages.compose(referral, what, note or "")
    sent = 0
    for name, address in referral_messages.recipients(referral, what, about_id):
        sent += email_once(
            key=f"{key}:{address}",
            to=address,
            subject=subject,
            body=f"Dear {name},\n\n{body}",
            service=referral.service,
            template=f"triage_{what}",
        )
    return sent
