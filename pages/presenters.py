"""What the information pages say that comes from configuration, in words.

Kept here so each page stays true to the settings it describes: the cookies
page names the cookies Django is configured to set, the privacy notice the
retention periods the service keeps to.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

# The accessibility statement is reviewed with the code: change these dates
# when it is checked again.
ACCESSIBILITY_STATEMENT_PREPARED = datetime.date(2026, 12, 1)
ACCESSIBILITY_STATEMENT_REVIEWED = datetime.date(2026, 12, 1)

# The films app's setting (days after the programme ends); 60 is "about 2 months".
DEFAULT_FILM_RETENTION_DAYS = 60


@dataclass(frozen=True)
class Organisation:
    name: str
    address: str
    phone: str
    email: str
    dpo_email: str

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.split(",") if line.strip()]


def organisation():
    """The organisation running the service (settings: SERVICE_ORGANISATION_*)."""
    return Organisation(
        name=settings.SERVICE_ORGANISATION_NAME,
        address=settings.SERVICE_ORGANISATION_ADDRESS,
        phone=settings.SERVICE_ORGANISATION_PHONE,
        email=settings.SERVICE_ORGANISATION_EMAIL,
        dpo_email=settings.DATA_PROTECTION_OFFICER_EMAIL,
    )


def film_retention():
    """How long films are kept after the programme ends, in words: "60 days (about 2 months)"."""
    days = getattr(settings, "FILM_RETENTION_DAYS", DEFAULT_FILM_RETENTION_DAYS)
    words = f"{days} day{'' if days == 1 else 's'}"
    months = round(days / 30.4)
    if months >= 2:
        words += f" (about {months} months)"
    return words


def duration(seconds):
    """A whole number of weeks, days, hours or minutes in words: "52 weeks"."""
    for unit, size in (("week", 604800), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} seconds"


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expires: str


def cookies():
    """Every cookie the service sets. All are strictly necessary, so no consent
    banner is needed; ``tests/pages/test_cookies.py`` keeps this list true."""
    idle = duration(settings.SESSION_COOKIE_AGE)
    if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE:
        session_expires = f"When you close your browser, or after {idle} without using the site"
    else:
        session_expires = f"After {idle} without using the site"
    return [
        Cookie(
            name=settings.SESSION_COOKIE_NAME,
            purpose=(
                "Remembers your answers as you go through a referral form, and keeps staff "
                "signed in. It holds a random number, not your answers: they stay on our "
                "server."
            ),
            expires=session_expires,
        ),
        Cookie(
            name=settings.CSRF_COOKIE_NAME,
            purpose=(
                "Protects the forms on this website, so that another website cannot send "
                "answers in your name. It holds a random code."
            ),
            expires=f"After {duration(settings.CSRF_COOKIE_AGE)}",
        ),
    ]
