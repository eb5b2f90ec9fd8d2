"""What the report pages show: tables, sections and small-number suppression.

NHS publications suppress counts from 1 to 4 so that a family can't be
recognised (REPORTS.md): every count in a report table, chart and export goes
through ``shown``. A chart of monthly counts with any suppressed month is not
drawn (its points would give the numbers away); its table still is.
"""

from dataclasses import dataclass, field
from datetime import date

FEWER_THAN_5 = "fewer than 5"


def is_suppressed(count):
    return isinstance(count, int) and 1 <= count <= 4


def shown(count):
    """A count as a report shows it: "fewer than 5" for 1 to 4."""
    if count is None:
        return ""
    return FEWER_THAN_5 if is_suppressed(count) else count


def percent(part, whole):
    if not whole:
        return ""
    return f"{100 * part / whole:.0f}%"


def weeks(days):
    return "" if days is None else f"{days / 7:.1f}"


@dataclass
class Table:
    key: str  # the table's name in its export's address (?download=key)
    caption: str
    headers: list
    rows: list = field(default_factory=list)  # first cell of each row is its heading
    # Exports carry no names (issue 11): a table of people exports their staff ids
    # in the first column instead, under this heading.
    export_ids: list | None = None
    export_heading: str = "Staff id"

    def csv_rows(self):
        if self.export_ids is None:
            yield self.headers
            yield from self.rows
            return
        yield [self.export_heading, *self.headers[1:]]
        for staff_id, row in zip(self.export_ids, self.rows, strict=True):
            yield [staff_id, *row[1:]]


@dataclass
class Section:
    heading: str
    table: Table
    chart: object = None  # charts.XmRChart or charts.BarChart
    chart_kind: str = ""  # "xmr" or "bars"
    note: str = ""  # said in place of a chart not drawn, or about the figures

    @property
    def sentence(self):
        return self.chart.sentence if self.chart else ""


@dataclass
class Report:
    slug: str
    title: str
    summary: str
    sections: list = field(default_factory=list)

    def table(self, key):
        return next((s.table for s in self.sections if s.table.key == key), None)


def months_between(start, end):
    """First days of the months from ``start``'s to the one before ``end``."""
    months, day = [], date(start.year, start.month, 1)
    while day < end:
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def month_key(value):
    """A TruncMonth value (a datetime or date) as the first day of its month."""
    return date(value.year, value.month, 1)


def by_month(rows):
    return {month_key(row["month"]): row for row in rows}


def month_label(day):
    return day.strftime("%b %Y")


def series_drawable(counts):
    """A chart of counts is drawn only when no month is suppressed."""
    return not any(is_suppressed(c) for c in counts)
