"""The caseload table's rows, written out once in Python.

A team lead's page has fifty rows of seven cells; through the template
engine each row cost ~0.3 ms of variable look-ups, filters and ``{% url %}``
reversing — the biggest part of the page. Here a row is one ``format_html``
with values worked out beforehand, the case page's address reversed once for
the page (``case_url``). The markup is the same as
``templates/sessions/caseload/_table.html`` wrote, which still holds the
table's head and documents the cells.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

PLACEHOLDER = "VIG-0000-0000"
STATE_TAGS = {
    "pre_vig": "nhsuk-tag--blue",
    "active": "nhsuk-tag--green",
    "paused": "nhsuk-tag--yellow",
}
FILMING_TAGS = {"allowed": "nhsuk-tag--green", "not_asked": "nhsuk-tag--grey"}


CELL = (
    '<td class="nhsuk-table__cell" role="cell">'
    '<span class="nhsuk-table__heading" aria-hidden="true">{} </span>{}</td>'
)


def case_url():
    """A function giving a family's case page address from its reference, reversed once."""
    pattern = reverse("programmes:case", args=[PLACEHOLDER])
    before, after = pattern.split(PLACEHOLDER)
    return lambda reference: f"{before}{reference}{after}"


def _cell(heading, content):
    return format_html(CELL, heading, content)


def _plural(count, singular="", plural="s"):
    return singular if count == 1 else plural


def _to_do(programme):
    if not programme.needs_action:
        return "Nothing"
    items = list(programme.first_steps)
    if programme.outcomes_due:
        items.append(
            f"{programme.outcomes_due} visit outcome{_plural(programme.outcomes_due)} to record"
        )
    if programme.summaries_due:
        ending = _plural(programme.summaries_due, "y", "ies")
        items.append(f"{programme.summaries_due} summar{ending} to write")
    if programme.baselines_due:
        items.append(f"{programme.baselines_due} goal{_plural(programme.baselines_due)} to rate")
    return format_html(
        '<ul class="nhsuk-list nhsuk-body-s app-caseload-todo">{}</ul>',
        format_html_join("", "<li>{}</li>", ((item,) for item in items)),
    )


def row(programme, show_guider, url):
    """One ``<tr>`` of the caseload table, as safe HTML."""
    referral = programme.referral
    family = format_html(
        '<a href="{}" class="nhsuk-u-nowrap">{}</a><br>{}',
        url(referral.reference),
        referral.reference,
        referral.children_names,
    )
    if referral.caregiver_names:
        family = format_html(
            '{}<br><span class="nhsuk-u-font-size-16 nhsuk-u-secondary-text-colour">{}</span>',
            family,
            referral.caregiver_names,
        )
    cells = [_cell("Child and family", family)]
    if show_guider:
        cells.append(_cell("Guider", programme.guider.full_name))
    stage = format_html(
        '<strong class="nhsuk-tag {}">{}</strong><br><span class="nhsuk-body-s">{}</span>',
        STATE_TAGS.get(programme.state, "nhsuk-tag--grey"),
        programme.get_state_display(),
        programme.cycle,
    )
    cells.append(_cell("Stage", stage))
    cells.append(_cell("Visits used", f"{programme.visits_used} of {programme.planned_visits}"))
    if programme.next_visit_at:
        at = localtime(programme.next_visit_at)
        next_visit = format_html(
            '<time datetime="{}">{}</time>', date_format(at, "c"), date_format(at, "D j M, H:i")
        )
    else:
        next_visit = "None booked"
    cells.append(_cell("Next visit", next_visit))
    consent = format_html(
        '<strong class="nhsuk-tag {}">{}</strong>',
        FILMING_TAGS.get(programme.filming, "nhsuk-tag--red"),
        programme.filming_label,
    )
    cells.append(_cell("Consent", consent))
    cells.append(_cell("To do", _to_do(programme)))
    # Each cell was built by format_html, so escaped already.
    inside = "\n      ".join(cells)
    return mark_safe(f'    <tr class="nhsuk-table__row" role="row">\n      {inside}\n    </tr>')  # noqa: S308


def rows(programmes, show_guider):
    url = case_url()
    return [row(programme, show_guider, url) for programme in programmes]
