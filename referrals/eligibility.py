"""Who a service can help: configuration, never code (DESIGN.md §1).

A service's rules are its area (postcode districts or sectors), the oldest child it
takes (in months), and whether it takes unborn babies. ``check`` answers with
reasons in plain words, ready to show to a parent.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from .validation import normalise_area, postcode_district, postcode_sector


@dataclass
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)


def parse_areas(text):
    """Service configuration text → normalised districts and sectors."""
    items = [part.strip() for chunk in (text or "").splitlines() for part in chunk.split(",")]
    return [normalise_area(item) for item in items if item]


def age_in_months(born, on):
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if on.day < born.day:
        months -= 1
    return months


def in_area(service, postcode):
    areas = set(parse_areas(service.eligible_areas))
    if not areas:
        return True  # no area set: the service takes families from anywhere
    return postcode_district(postcode) in areas or postcode_sector(postcode) in areas


DEFAULT_POSTCODE_EXAMPLE = "SK1 3XE"


def example_postcode(service):
    """A postcode from the service's own area, to show as an example: ``SK4 3`` →
    ``SK4 3AB``, ``M20`` → ``M20 1AB``."""
    try:
        areas = parse_areas(service.eligible_areas)
    except ValidationError:  # the admin checks the areas; never break a public page
        areas = []
    if not areas:
        return DEFAULT_POSTCODE_EXAMPLE
    area = areas[0]
    return f"{area}AB" if " " in area else f"{area} 1AB"


def describe_age_limit(months):
    if months % 12 == 0:
        years = months // 12
        return f"under {years} year{'s' if years != 1 else ''} old"
    return f"under {months} months old"


def check(
    service,
    *,
    postcode: str,
    date_of_birth: date | None = None,
    due_date: date | None = None,
    today: date | None = None,
) -> Eligibility:
    """Can ``service`` help a family at ``postcode`` with this child (or unborn baby)?

    Exactly at the limit is too old: a service for children "under 5" does not
    take a child on their 5th birthday.
    """
    today = today or timezone.localdate()
    reasons = []
    if not in_area(service, postcode):
        reasons.append(f"{service.name} only helps families living in its area.")
    if date_of_birth is not None:
        if age_in_months(date_of_birth, today) >= service.max_child_age_months:
            reasons.append(
                f"{service.name} helps families with a child who is "
                f"{describe_age_limit(service.max_child_age_months)}."
            )
    elif due_date is not None:
        if not service.accepts_unborn:
            reasons.append(
                f"{service.name} can help once your baby is born. You can refer yourself then."
            )
    else:
        reasons.append("We need your child's date of birth or your baby's due date.")
    return Eligibility(eligible=not reasons, reasons=reasons)
