"""The caseload table's rows, written once in Python (see ``referrals.rows``).

A team lead's page has fifty rows of seven cells; through the template engine
each row cost ~0.3 ms, most of the page. The markup is what
``templates/sessions/caseload/_table.html`` wrote per row before; it keeps the
table's head and says what each cell holds.
"""

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from referrals.rows import cell, family, plural, row, url_for

STATE_TAGS = {
    "pre_vig": "nhsuk-tag--blue",
    "active": "nhsuk-tag--green",
    "paused": "nhsuk-tag--yellow",
}
FILMING_TAGS = {"allowed": "nhsuk-tag--green", "not_asked": "nhsuk-tag--grey"}


def _to_do(programme):
    if not programme.needs_action:
        return "Nothing"
    items = list(programme.first_steps)
    if programme.outcomes_due:
        items.append(
            f"{programme.outcomes_due} visit outcome{plural(programme.outcomes_due)} to record"
        )
    if programme.summaries_due:
        ending = plural(programme.summaries_due, "y", "ies")
        items.append(f"{programme.summaries_due} summar{ending} to write")
    if programme.baselines_due:
        items.append(f"{programme.baselines_due} goal{plural(programme.baselines_due)} to rate")
    return format_html(
        '<ul class="nhsuk-list nhsuk-body-s app-caseload-todo">{}</ul>',
        format_html_join("", "<li>{}</li>", ((item,) for item in items)),
    )


def _row(programme, show_guider, case_url):
    referral = programme.referral
    link = format_html(
        '<a href="{}" class="nhsuk-u-nowrap">{}</a><br>{}',
        case_url(referral.reference),
        referral.reference,
        family(referral),
    )
    cells = [cell("Child and family", link)]
    if show_guider:
        cells.append(cell("Guider", programme.guider.full_name))
    stage = format_html(
        '<strong class="nhsuk-tag {}">{}</strong><br><span class="nhsuk-body-s">{}</span>',
        STATE_TAGS.get(programme.state, "nhsuk-tag--grey"),
        programme.get_state_display(),
        programme.cycle,
    )
    cells.append(cell("Stage", stage))
    cells.append(cell("Visits used", f"{programme.visits_used} of {programme.planned_visits}"))
    if programme.next_visit_at:
        at = localtime(programme.next_visit_at)
        next_visit = format_html(
            '<time datetime="{}">{}</time>', date_format(at, "c"), date_format(at, "D j M, H:i")
        )
    else:
        next_visit = "None booked"
    cells.append(cell("Next visit", next_visit))
    consent = format_html(
        '<strong class="nhsuk-tag {}">{}</strong>',
        FILMING_TAGS.get(programme.filming, "nhsuk-tag--red"),
        programme.filming_label,
    )
    cells.append(cell("Consent", consent))
    cells.append(cell("To do", _to_do(programme)))
    return row(cells)


def rows(programmes, show_guider):
    """Each programme's ``<tr>``, as safe HTML."""
    case_url = url_for("programmes:case")
    return [_row(programme, show_guider, case_url) for programme in programmes]
