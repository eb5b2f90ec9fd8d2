"""GOV.UK Notify, when ``NOTIFY_API_KEY`` is set (``notifications-python-client``).

Notify has no idempotency key, so ours is the message log: each message has a
random ``reference`` (no personal data) sent with it; a task re-run after a
worker died mid-send asks Notify for that reference before sending again.
We keep Notify's limit of 3,000 messages a minute per key ourselves, and send
no texts between 21:00 and 08:00 (they wait until the morning).
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .runner import Defer

PER_MINUTE = 3000
QUIET_FROM, QUIET_UNTIL = time(21), time(8)


def client():
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)


def morning_after_quiet(now=None):
    """When a text may go: now, or 08:00 (local) when it is 21:00–08:00."""
    local = timezone.localtime(now or timezone.now())
    if QUIET_UNTIL <= local.time() < QUIET_FROM:
        return None
    day = local.date() + timedelta(days=1) if local.time() >= QUIET_FROM else local.date()
    return timezone.make_aware(datetime.combine(day, QUIET_UNTIL))


def take_rate_slot(now=None):
    """Count this message against the minute; defer to the next minute when full."""
    now = now or timezone.now()
    key = f"notify-rate:{now:%Y%m%d%H%M}"
    cache.add(key, 0, timeout=120)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=120)
        used = 1
    if used > PER_MINUTE:
        raise Defer(now.replace(second=0, microsecond=0) + timedelta(minutes=1))


def already_sent(reference):
    """Notify's id of a message sent with ``reference``, or "" if none was."""
    found = client().get_all_notifications(reference=str(reference))
    for notification in found.get("notifications", []):
        return notification["id"]
    return ""


def send_text(*, phone, template_id, personalisation, reference):
    if (until := morning_after_quiet()) is not None:
        raise Defer(until)
    take_rate_slot()
    response = client().send_sms_notification(
        phone_number=phone,
        template_id=template_id,
        personalisation=personalisation,
        reference=str(reference),
    )
    return response["id"]


def send_email(*, email, template_id, personalisation, reference):
    """Emails are not held overnight: nothing buzzes, and SMTP ones never were."""
    take_rate_slot()
    response = client().send_email_notification(
        email_address=email,
        template_id=template_id,
        personalisation=personalisation,
        reference=str(reference),
    )
    return response["id"]


def send_letter(*, template_id, personalisation, reference):
    """``personalisation`` carries ``address_line_1`` … (the postcode last)."""
    take_rate_slot()
    response = client().send_letter_notification(
        template_id=template_id, personalisation=personalisation, reference=str(reference)
    )
    return response["id"]
