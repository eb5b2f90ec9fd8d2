"""What the report builders share."""

from ..presenters import (
    months_between,
)

NOT_DRAWN = "Not drawn: some months have fewer than 5, and the chart would show how many."


def charted_months(period, data=None):
    """The months charted; with ``data`` (by month), from the first month that has any."""
    months = months_between(period.chart_start(), period.end)
    if data:
        months = [m for m in months if m >= min(data)]
    return months
