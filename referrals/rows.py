"""Table rows written once in Python for the staff lists (inbox, waiting list; the
caseload's in ``sessions.presenters.caseload_rows``).

A list page has fifty rows; through the template engine each cost ~0.2–0.3 ms
of variable look-ups, filters and ``{% url %}`` reversing, most of the page.
Here a row is one string built with f-strings, every value escaped by ``esc``
(as autoescaping would), addresses reversed once a page (``url_for``) and dates
written from fixed English names (``day_month_year``, ``weekday_time``: the
service is en-GB only). ``format_html`` and the ``date`` filter cost several
times as much for fifty rows. The markup is what the templates wrote before:
the list templates keep the table's head and say what each cell holds;
``_family.html``, ``_priority_tag.html`` and ``_status_tag.html`` hold the same
markup for single use.
"""

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import localtime

PLACEHOLDER = "VIG-0000-0000"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SECONDARY = '<br><span class="nhsuk-u-font-size-16 nhsuk-u-secondary-text-colour">'
STATUS_TAGS = {
    "new": "nhsuk-tag--blue",
    "info_requested": "nhsuk-tag--yellow",
    "waiting": "nhsuk-tag--aqua-green",
    "allocated": "nhsuk-tag--green",
}
URGENT = '<strong class="nhsuk-tag nhsuk-tag--red">Urgent</strong>'
ROUTINE = '<strong class="nhsuk-tag nhsuk-tag--grey">Routine</strong>'


def esc(value):
    """``value`` as autoescaping writes it (safe strings as they are)."""
    return value if isinstance(value, SafeData) else escape(str(value))


def url_for(name):
    """A function giving ``name``'s address from a family's reference, reversed once."""
    before, after = reverse(name, args=[PLACEHOLDER]).split(PLACEHOLDER)
    return lambda reference: f"{before}{reference}{after}"


def cell(heading, html):
    """A responsive table cell; ``html`` is markup already escaped."""
    return (
        '<td class="nhsuk-table__cell" role="cell">'
        f'<span class="nhsuk-table__heading" aria-hidden="true">{heading} </span>{html}</td>'
    )


def row(cells, classes=""):
    """A table row of ``cells``; ``classes``: more classes for the ``<tr>``, after a space."""
    inside = "\n      ".join(cells)
    return mark_safe(  # noqa: S308 — every value went through esc()
        f'    <tr class="nhsuk-table__row{classes}" role="row">\n      {inside}\n    </tr>'
    )


def plural(count, singular="", many="s"):
    return singular if count == 1 else many


def day_month_year(at):
    """As the ``date`` filter's "j M Y"."""
    return f"{at.day} {MONTHS[at.month - 1]} {at.year}"


def weekday_time(at):
    """As the ``date`` filter's "D j M, H:i"."""
    return f"{WEEKDAYS[at.weekday()]} {at.day} {MONTHS[at.month - 1]}, {at:%H:%M}"


def family(referral):
    """Children's names, then the caregivers' (``with_family_names``), escaped."""
    html = esc(referral.children_names)
    if referral.caregiver_names:
        html += f"{SECONDARY}{esc(referral.caregiver_names)}</span>"
    return html


def received(referral):
    at = localtime(referral.received_at)
    return f'<time datetime="{at.isoformat()}">{day_month_year(at)}</time>'


def inbox_rows(referrals):
    detail = url_for("referrals:detail")
    rows = []
    for referral in referrals:
        reference = esc(referral.reference)
        link = f'<a href="{detail(reference)}" class="nhsuk-u-nowrap">{reference}</a>'
        if referral.possible_duplicates:
            link += '<br><strong class="nhsuk-tag nhsuk-tag--orange">Possible duplicate</strong>'
        source = esc(referral.get_source_display())
        if referral.route == "professional":
            source += f"{SECONDARY}{esc(referral.get_route_display())}</span>"
        days = referral.days_since_received
        ago = "today" if days == 0 else f"{days} day{plural(days)} ago"
        tag = STATUS_TAGS.get(referral.status, "nhsuk-tag--grey")
        status = f'<strong class="nhsuk-tag {tag}">{esc(referral.get_status_display())}</strong>'
        when = f'{received(referral)}<br><span class="nhsuk-u-font-size-16">{ago}</span>'
        cells = [
            cell("Reference", link),
            cell("Child and family", family(referral)),
            cell("Source", source),
            cell("Priority", URGENT if referral.priority == 2 else ROUTINE),
            cell("Received", when),
            cell("Status", status),
        ]
        rows.append(row(cells))
    return rows


def waiting_rows(referrals, can_allocate):
    detail = url_for("referrals:detail")
    allocate = url_for("referrals:allocate")
    rows = []
    for referral in referrals:
        reference = esc(referral.reference)
        weeks = esc(referral.weeks_waiting)
        if referral.over_target:
            target = esc(referral.service.waiting_target_weeks)
            weeks += f' <strong class="nhsuk-tag nhsuk-tag--red">Over {target}-week target</strong>'
        action = ""
        if can_allocate:
            action = (
                f'<a href="{allocate(reference)}">Allocate'
                f'<span class="nhsuk-u-visually-hidden"> {reference}</span></a>'
            )
        cells = [
            cell(
                "Reference", f'<a href="{detail(reference)}" class="nhsuk-u-nowrap">{reference}</a>'
            ),
            cell("Child and family", family(referral)),
            cell("Priority", URGENT if referral.priority == 2 else ROUTINE),
            cell("Received", received(referral)),
            cell("Weeks waiting", weeks),
            cell("Band", esc(referral.waiting_band)),
            f'<td class="nhsuk-table__cell" role="cell">{action}</td>',
        ]
        rows.append(row(cells))
    return rows
