"""Reads of films, scoped through the programme the person may see.

Staff pages start from ``Film.objects.visible_to(user)`` (the programme's
``visible_to`` rule: the guider, the trainee's VIG supervisor, the team's leads)
or from a programme already loaded that way.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .accreditation import accreditation_for  # noqa: F401 (for the reports app)
from .models import Film, FilmDestruction, FilmState


def visible_films(user):
    return Film.objects.visible_to(user)


def films_of_visit(visit):
    """Every film of a visit, oldest first, with what its page lists show."""
    return (
        Film.objects.filter(visit=visit)
        .select_related("filmed_by", "destruction__destroyed_by")
        .order_by("created_at", "pk")
    )


def films_of_programme(programme):
    """Every film of a family (for the case page), by visit, with the upload state."""
    return (
        Film.objects.filter(programme=programme)
        .select_related("visit", "filmed_by", "destruction__destroyed_by")
        .order_by("visit__starts_at", "created_at", "pk")
    )


def unfinished_uploads(visit, user):
    """Uploads this person started at this visit and hasn't finished, to resume."""
    return (
        Film.objects.filter(visit=visit, filmed_by=user, state=FilmState.RECEIVING)
        .select_related("upload")
        .order_by("created_at")
    )


def destroy_date(programme):
    """The day a family's films are destroyed by the retention rule, or None while
    the programme is open (then: FILM_RETENTION_DAYS after it ends)."""
    if programme.ended_on is None:
        return None
    return programme.ended_on + timedelta(days=settings.FILM_RETENTION_DAYS)


@dataclass
class FilmEvent:
    """A line for the family's case timeline (the same fields as the case page's)."""

    at: datetime
    title: str
    detail: str = ""
    who: str = ""
    date_only: bool = False
    category: str = "film"


def timeline_events(programme):
    """Films added and destroyed, for the case timeline, in two queries."""
    events = []
    for film in Film.objects.filter(programme=programme, received_at__isnull=False).select_related(
        "filmed_by", "visit"
    ):
        events.append(
            FilmEvent(
                film.received_at,
                "Film added",
                f"Filming visit on {timezone.localtime(film.visit.starts_at):%-d %B %Y}",
                film.filmed_by.full_name,
            )
        )
    for proof in FilmDestruction.objects.filter(programme=programme).select_related("destroyed_by"):
        events.append(
            FilmEvent(
                proof.destroyed_at,
                f"Film destroyed ({proof.get_why_display()})",
                proof.reason,
                proof.by,
            )
        )
    return sorted(events, key=lambda event: event.at, reverse=True)
