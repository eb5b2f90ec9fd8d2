"""Table rows written once in Python for the staff lists (inbox, waiting list; the
caseload's in ``sessions.presenters.caseload_rows``).

A list page has fifty rows; through the template engine each cost ~0.2–0.3 ms
of variable look-ups, filters and ``{% url %}`` reversing, most of the page.
Here a row is a few ``format_html`` calls with values worked out beforehand and
addresses reversed once a page (``url_for``). The markup is what the templates
wrote before: the list templates keep the table's head and say what each cell
holds; ``_family.html``, ``_priority_tag.html`` and ``_status_tag.html`` hold
the same markup for single use.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

PLACEHOLDER = "VIG-0000-0000"
CELL = (
    '<td class="nhsuk-table__cell" role="cell">'
    '<span class="nhsuk-table__heading" aria-hidden="true">{} </span>{}</td>'
)
SECONDARY = '{}<br><span class="nhsuk-u-font-size-16 nhsuk-u-secondary-text-colour">{}</span>'
STATUS_TAGS = {
    "new": "nhsuk-tag--blue",
    "info_requested": "nhsuk-tag--yellow",
    "waiting": "nhsuk-tag--aqua-green",
    "allocated": "nhsuk-tag--green",
}


def url_for(name):
    """A function giving ``name``'s address from a family's reference, reversed once."""
    before, after = reverse(name, args=[PLACEHOLDER]).split(PLACEHOLDER)
    return lambda reference: f"{before}{reference}{after}"


def cell(heading, content):
    return format_html(CELL, heading, content)


def row(cells):
    # Each cell was built by format_html, so is escaped already.
    inside = "\n      ".join(cells)
    return mark_safe(f'    <tr class="nhsuk-table__row" role="row">\n      {inside}\n    </tr>')  # noqa: S308


def plural(count, singular="", many="s"):
    return singular if count == 1 else many


def family(referral):
    """Children's names, then the caregivers' (``with_family_names``)."""
    if referral.caregiver_names:
        return format_html(SECONDARY, referral.children_names, referral.caregiver_names)
    return referral.children_names


def priority(referral):
    if referral.priority == 2:
        return mark_safe('<strong class="nhsuk-tag nhsuk-tag--red">Urgent</strong>')
    return mark_safe('<strong class="nhsuk-tag nhsuk-tag--grey">Routine</strong>')


def received(referral):
    at = localtime(referral.received_at)
    return format_html(
        '<time datetime="{}">{}</time>', date_format(at, "c"), date_format(at, "j M Y")
    )


def inbox_rows(referrals):
    detail = url_for("referrals:detail")
    rows = []
    for referral in referrals:
        reference = format_html(
            '<a href="{}" class="nhsuk-u-nowrap">{}</a>',
            detail(referral.reference),
            referral.reference,
        )
        if referral.possible_duplicates:
            reference = format_html(
                '{}<br><strong class="nhsuk-tag nhsuk-tag--orange">Possible duplicate</strong>',
                reference,
            )
        source = referral.get_source_display()
        if referral.route == "professional":
            source = format_html(SECONDARY, source, referral.get_route_display())
        days = referral.days_since_received
        ago = "today" if days == 0 else f"{days} day{plural(days)} ago"
        status = format_html(
            '<strong class="nhsuk-tag {}">{}</strong>',
            STATUS_TAGS.get(referral.status, "nhsuk-tag--grey"),
            referral.get_status_display(),
        )
        rows.append(
            row(
                [
                    cell("Reference", reference),
                    cell("Child and family", family(referral)),
                    cell("Source", source),
                    cell("Priority", priority(referral)),
                    cell(
                        "Received",
                        format_html(
                            '{}<br><span class="nhsuk-u-font-size-16">{}</span>',
                            received(referral),
                            ago,
                        ),
                    ),
                    cell("Status", status),
                ]
            )
        )
    return rows


def waiting_rows(referrals, can_allocate):
    detail = url_for("referrals:detail")
    allocate = url_for("referrals:allocate")
    rows = []
    for referral in referrals:
        weeks = str(referral.weeks_waiting)
        if referral.over_target:
            weeks = format_html(
                '{} <strong class="nhsuk-tag nhsuk-tag--red">Over {}-week target</strong>',
                weeks,
                referral.service.waiting_target_weeks,
            )
        action = ""
        if can_allocate:
            action = format_html(
                '<a href="{}">Allocate<span class="nhsuk-u-visually-hidden"> {}</span></a>',
                allocate(referral.reference),
                referral.reference,
            )
        rows.append(
            row(
                [
                    cell(
                        "Reference",
                        format_html(
                            '<a href="{}" class="nhsuk-u-nowrap">{}</a>',
                            detail(referral.reference),
                            referral.reference,
                        ),
                    ),
                    cell("Child and family", family(referral)),
                    cell("Priority", priority(referral)),
                    cell("Received", received(referral)),
                    cell("Weeks waiting", weeks),
                    cell("Band", referral.waiting_band),
                    format_html('<td class="nhsuk-table__cell" role="cell">{}</td>', action),
                ]
            )
        )
    return rows
