""" "Manage my appointment" links: signed, expiring, and backed by a database nonce.

The token is ``signing.dumps`` of a random nonce with its own salt: a changed
token fails the signature, an old one fails ``max_age``, and a revoked nonce
(visit cancelled, link replaced) finds no live ``AppointmentLink``. The nonce
names one visit of one caregiver, and the page shows no more than the family
already knows.
"""

from django.conf import settings
from django.core import signing
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from .models import AppointmentLink

SALT = "vig.scheduling.appointment-link"


def max_age():
    return getattr(settings, "APPOINTMENT_LINK_MAX_AGE", 90 * 24 * 3600)


def caregivers_with_links(visit):
    """The family's caregivers, each with ``link_nonce``: the nonce of their live link
    to ``visit``, or None. One query, whatever the number of caregivers."""
    live = AppointmentLink.objects.filter(
        visit=visit, caregiver=OuterRef("pk"), revoked_at__isnull=True
    )
    return list(
        visit.programme.referral.caregivers.annotate(link_nonce=Subquery(live.values("nonce")[:1]))
    )


def give_links(visit, caregivers):
    """Make the missing live links of ``caregivers`` (from ``caregivers_with_links``)
    and set their ``link_nonce``: two queries for any number, none if all have one.

    A link made meanwhile by another task (a booking message and a reminder at
    once) wins: ours is not inserted, and the nonce read back is the live one.
    """
    missing = [c for c in caregivers if c.link_nonce is None]
    if not missing:
        return
    AppointmentLink.objects.bulk_create(
        [AppointmentLink(visit=visit, caregiver=c) for c in missing], ignore_conflicts=True
    )
    nonces = dict(
        AppointmentLink.objects.filter(
            visit=visit, caregiver__in=missing, revoked_at__isnull=True
        ).values_list("caregiver_id", "nonce")
    )
    for caregiver in missing:
        caregiver.link_nonce = nonces[caregiver.pk]


def token_for(link):
    return token_for_nonce(link.nonce)


def token_for_nonce(nonce):
    return signing.dumps(nonce.hex, salt=SALT, compress=True)


def url_for(link):
    return url_for_nonce(link.nonce)


def url_for_nonce(nonce):
    base = settings.SITE_URL.rstrip("/") if getattr(settings, "SITE_URL", "") else ""
    return base + reverse("appointments:manage", kwargs={"token": token_for_nonce(nonce)})


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
