"""Celery adapters for programmes: take ids, load, send."""

from django.template.loader import render_to_string

from vig_service.mail import send_email_once
from vig_service.tasks import load, task

from .models import SummaryDelivery


def _delivery(delivery_id):
    return load(
        SummaryDelivery.objects.select_related(
            "programme__referral__service", "programme__guider", "summary__visit"
        ),
        delivery_id,
    )


def _send(delivery, template, subject, marker):
    programme = delivery.programme
    context = {
        "programme": programme,
        "service": programme.referral.service,
        "caregiver": programme.referral.caregivers.first(),
        "summary": delivery.summary,
    }
    return send_email_once(
        marker=marker,
        target=delivery,
        to=[delivery.sent_to],
        subject=subject,
        body=render_to_string(template, context),
        team_id=programme.referral.team_id,
        family_reference=programme.reference,
    )


@task(external_io=True)
def email_summary(delivery_id):
    delivery = _delivery(delivery_id)
    if delivery is None or delivery.summary is None:
        return False
    service = delivery.programme.referral.service
    return _send(
        delivery,
        "sessions/letters/summary.txt",
        f"{service.name}: your session summary",
        "visit.summary_emailed",
    )


@task(external_io=True)
def email_closing_letter(delivery_id):
    delivery = _delivery(delivery_id)
    if delivery is None:
        return False
    service = delivery.programme.referral.service
    return _send(
        delivery,
        "sessions/letters/closing.txt",
        f"{service.name}: the end of your programme",
        "programme.closing_letter_emailed",
    )
