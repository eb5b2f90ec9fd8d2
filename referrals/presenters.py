"""What the team's referral pages show, worked out from the models (no queries)."""

from django.utils import timezone

from .codes import waiting_band
from .queries import days_waiting, weeks_waiting

# Rows where the same answer on both sides suggests the same family.
IDENTIFYING = {
    "Parent or carer",
    "Postcode",
    "Phone",
    "Email",
    "Child",
    "Date of birth or due date",
    "NHS number",
}


def with_family_names(referrals):
    """Each referral's ``children_names`` and ``caregiver_names`` as a list of families
    shows them (the words of referrals/staff/_family.html), joined once here: two
    loops a row in the template cost more than the rest of the row. The people come
    from ``queries.family_members``."""
    for referral in referrals:
        referral.children_names = ", ".join(c.display_name for c in referral.child_list)
        referral.caregiver_names = ", ".join(
            f"{c.full_name} ({c.relationship_label.lower()})" for c in referral.caregiver_list
        )
    return referrals


def mark_inbox_rows(referrals, duplicates):
    """Days since each referral came in, and the possible duplicates to flag."""
    today = timezone.localdate()
    with_family_names(referrals)
    for referral in referrals:
        referral.days_since_received = (today - timezone.localdate(referral.received_at)).days
        referral.possible_duplicates = duplicates.get(referral.pk, [])
    return referrals


def mark_waiting_rows(referrals, now):
    """Weeks waiting, the national band, and whether over the service's target."""
    with_family_names(referrals)
    for referral in referrals:
        days = days_waiting(referral, now)
        referral.weeks_waiting = weeks_waiting(referral, now)
        referral.waiting_band = waiting_band(days)
        referral.over_target = days > referral.service.waiting_target_weeks * 7
    return referrals


def describe(referral):
    """A referral's answers by label, for the side-by-side comparison."""
    caregivers = list(referral.caregivers.all())
    children = list(referral.children.all())
    return {
        "Received": timezone.localtime(referral.received_at).strftime("%-d %B %Y"),
        "Source of referral": referral.get_source_display(),
        "Status": referral.get_status_display(),
        "Parent or carer": ", ".join(c.full_name for c in caregivers),
        "Relationship to the child": ", ".join(c.relationship_label for c in caregivers),
        "Postcode": ", ".join(c.postcode for c in caregivers),
        "Phone": ", ".join(c.phone for c in caregivers if c.phone),
        "Email": ", ".join(c.email for c in caregivers if c.email),
        "Child": ", ".join(c.display_name for c in children),
        "Date of birth or due date": ", ".join(
            (f"Due {c.due_date:%-d %B %Y}" if c.is_unborn else f"Born {c.date_of_birth:%-d %B %Y}")
            for c in children
        ),
        "NHS number": ", ".join(c.nhs_number_display for c in children if c.nhs_number),
        "Referrer": ", ".join(
            part for part in (referral.referrer_name, referral.referrer_organisation) if part
        ),
    }


def comparison(referral, other):
    """``[(label, this value, other value, same?)]`` for the side-by-side table."""
    left, right = describe(referral), describe(other)
    return [
        (
            label,
            left[label],
            right[label],
            label in IDENTIFYING and bool(left[label]) and left[label] == right[label],
        )
        for label in left
    ]
