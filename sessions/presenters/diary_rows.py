"""The diary table's rows, written once in Python (see ``referrals.rows``).

A guider's week holds thirty or forty visits; through the template engine each
row cost ~0.2 ms (two ``{% url %}``s, an include for the state tag, time
filters and loops over the family's names), most of the page. The markup is
what ``templates/sessions/diary/_visits.html`` wrote per row before; it keeps
the table's head and says what each cell holds. ``_visit_state.html`` holds the
same state tag for the case page.
"""

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.timezone import localtime

from referrals.rows import PLACEHOLDER, cell, esc, row, url_for

from ..models import VisitState

VISIT_PLACEHOLDER = "00000000-0000-0000-0000-000000000000"
NOTE = '<br><span class="nhsuk-body-s">'
# What a row shows of each caregiver (``referrals.queries.family_members``).
DIARY_CAREGIVER_FIELDS = ("first_name", "last_name", "phone", "address", "postcode")


def _visit_url():
    """A function giving a visit's address from its family's reference and its id."""
    address = reverse("programmes:visit", args=[PLACEHOLDER, VISIT_PLACEHOLDER])
    first, rest = address.split(PLACEHOLDER)
    middle, last = rest.split(VISIT_PLACEHOLDER)
    return lambda reference, visit_id: f"{first}{reference}{middle}{visit_id}{last}"


def state_tag(visit):
    """As ``sessions/case/_visit_state.html``."""
    if visit.is_cancelled:
        return f'<strong class="nhsuk-tag nhsuk-tag--grey">{esc(visit.attendance_label)}</strong>'
    if visit.state == VisitState.HAPPENED:
        colour = "nhsuk-tag--green" if visit.took_place else "nhsuk-tag--red"
        return f'<strong class="nhsuk-tag {colour}">{esc(visit.attendance_label)}</strong>'
    if visit.state == VisitState.PROPOSED:
        return '<strong class="nhsuk-tag nhsuk-tag--yellow">Proposed</strong>'
    return '<strong class="nhsuk-tag nhsuk-tag--blue">Booked</strong>'


def _lines(text):
    return linebreaksbr(text, autoescape=True)


def _row(visit, show_notes, case_url, visit_url):
    referral = visit.programme.referral
    caregivers = referral.caregiver_list
    reference = esc(referral.reference)
    starts, ends = localtime(visit.starts_at), localtime(visit.ends_at)
    when = f'<time datetime="{starts.isoformat()}">{starts:%H:%M}</time> to {ends:%H:%M}'
    if visit.is_cancelled:
        when = f"<s>{when}</s>"
    children = " and ".join(esc(child.display_name) for child in referral.child_list)
    people = "; ".join(
        esc(c.full_name) + (f", {esc(c.phone)}" if c.phone else "") for c in caregivers
    )
    family = (
        f'<a href="{case_url(reference)}">{children}</a><br>'
        f'<span class="nhsuk-body-s">{people}</span>'
    )
    kind = (
        f'<a href="{visit_url(reference, esc(visit.public_id))}">{esc(visit.get_kind_display())}'
        f'<span class="nhsuk-u-visually-hidden"> visit at {starts:%H:%M}</span></a>'
    )
    if visit.mechanism != "01":
        kind += f"{NOTE}{esc(visit.get_mechanism_display())}</span>"
    place = esc(visit.get_place_display())
    if visit.place_detail:
        place += f"{NOTE}{esc(visit.place_detail)}</span>"
    elif show_notes and visit.place == "home" and caregivers and caregivers[0].address:
        first = caregivers[0]
        place += f"{NOTE}{_lines(first.address)}, {esc(first.postcode)}</span>"
    status = state_tag(visit)
    if show_notes and visit.notes:
        status += f"{NOTE}{_lines(visit.notes)}</span>"
    return row(
        [
            cell("Time", when),
            cell("Family", family),
            cell("Visit", kind),
            cell("Place", place),
            cell("Status", status),
        ],
        " app-cancelled" if visit.is_cancelled else "",
    )


def diary_rows(visits, show_notes=False):
    """Each visit's ``<tr>``, as safe HTML: the time, the family (children's names,
    then each caregiver with their phone), the kind of visit, the place (with the
    family's address on a printed day) and the state (with notes on a printed day)."""
    case_url = url_for("programmes:case")
    visit_url = _visit_url()
    return [_row(visit, show_notes, case_url, visit_url) for visit in visits]
