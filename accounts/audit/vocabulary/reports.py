"""Reports: tables exported as CSV, and the monthly CSDS extract."""

from ..registry import register
from ..wording import joined


def _exported(details, names):
    filters = details.get("filters") or {}
    return joined(
        details.get("report", ""),
        details.get("table", ""),
        filters.get("period", ""),
        f"{filters.get('start')} to {filters.get('end')}" if filters.get("start") else "",
        details.get("month", ""),
    )


REPORT_EXPORTED = register(
    "report.exported",
    "Exported a report table",
    holds="report and table; filters: period, start, end, team_id, practitioner_id; "
    "month for the CSDS extract.",
    describe=_exported,
)
