"""The caseload table's rows, written once in Python (see ``referrals.rows``).

A team lead's page has fifty rows of seven cells; through the template engine
each row cost ~0.3 ms, most of the page. The markup is what
``templates/sessions/caseload/_table.html`` wrote per row before; it keeps the
table's head and says what each cell holds.
"""

from django.utils.timezone import localtime

from referrals.rows import cell, esc, family, plural, row, url_for, weekday_time

STATE_TAGS = {
    "pre_vig": "nhsuk-tag--blue",
    "active": "nhsuk-tag--green",
    "paused": "nhsuk-tag--yellow",
}
FILMING_TAGS = {"allowed": "nhsuk-tag--green", "not_asked": "nhsuk-tag--grey"}


def _to_do(programme):
    if not programme.needs_action:
        return "Nothing"
    items = [esc(step) for step in programme.first_steps]
    if due := programme.outcomes_due:
        items.append(f"{due} visit outcome{plural(due)} to record")
    if due := programme.summaries_due:
        items.append(f"{due} summar{plural(due, 'y', 'ies')} to write")
    if due := programme.baselines_due:
        items.append(f"{due} goal{plural(due)} to rate")
    inside = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="nhsuk-list nhsuk-body-s app-caseload-todo">{inside}</ul>'


def _row(programme, show_guider, case_url):
    referral = programme.referral
    reference = esc(referral.reference)
    link = f'<a href="{case_url(reference)}" class="nhsuk-u-nowrap">{reference}</a>'
    cells = [cell("Child and family", f"{link}<br>{family(referral)}")]
    if show_guider:
        cells.append(cell("Guider", esc(programme.guider.full_name)))
    tag = STATE_TAGS.get(programme.state, "nhsuk-tag--grey")
    cells.append(
        cell(
            "Stage",
            f'<strong class="nhsuk-tag {tag}">{esc(programme.get_state_display())}</strong>'
            f'<br><span class="nhsuk-body-s">{esc(programme.cycle)}</span>',
        )
    )
    used = f"{esc(programme.visits_used)} of {esc(programme.planned_visits)}"
    cells.append(cell("Visits used", used))
    if programme.next_visit_at:
        at = localtime(programme.next_visit_at)
        next_visit = f'<time datetime="{at.isoformat()}">{weekday_time(at)}</time>'
    else:
        next_visit = "None booked"
    cells.append(cell("Next visit", next_visit))
    tag = FILMING_TAGS.get(programme.filming, "nhsuk-tag--red")
    cells.append(
        cell("Consent", f'<strong class="nhsuk-tag {tag}">{esc(programme.filming_label)}</strong>')
    )
    cells.append(cell("To do", _to_do(programme)))
    return row(cells)


def rows(programmes, show_guider):
    """Each programme's ``<tr>``, as safe HTML."""
    case_url = url_for("programmes:case")
    return [_row(programme, show_guider, case_url) for programme in programmes]
