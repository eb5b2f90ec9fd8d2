""" "Manage my appointment" links: signed, expiring, and backed by a database nonce.

The token is ``signing.dumps`` of a random nonce with its own salt: a changed
token fails the signature, an old one fails ``max_age``, and a revoked nonce
(visit cancelled, link replaced) finds no live ``AppointmentLink``. The nonce
names one visit of one caregiver, and the page shows no more than the family
already knows.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import AppointmentLink

SALT = "vig.scheduling.appointment-link"


def max_age():
    return getattr(settings, "APPOINTMENT_LINK_MAX_AGE", 90 * 24 * 3600)


def link_for(visit, caregiver):
    """The live link for ``caregiver`` to ``visit``, made if there is none."""
    link = AppointmentLink.objects.filter(
        visit=visit, caregiver=caregiver, revoked_at__isnull=True
    ).first() or AppointmentLink.objects.create(visit=visit, caregiver=caregiver)
    return link


def token_for(link):
    return signing.dumps(link.nonce.hex, salt=SALT, compress=True)


def url_for(link):
    base = settings.SITE_URL.rstrip("/") if getattr(settings, "SITE_URL", "") else ""
    return base + reverse("appointments:manage", kwargs={"token": token_for(link)})


def load(token):
    """The live link behind ``token``, or None (tampered, expired or revoked)."""
    try:
        nonce = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return (
        AppointmentLink.objects.filter(nonce=nonce, revoked_at__isnull=True)
        .select_related("visit__programme__referral__service", "visit__practitioner", "caregiver")
        .first()
    )


def revoke_for_visit(visit):
    AppointmentLink.objects.filter(visit=visit, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
