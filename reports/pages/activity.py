"""Activity and attendance; outcomes."""

from sessions.models import PLACE_CSDS_CODES, Attendance, EndReason, Mechanism, Place, VisitKind

from .. import queries
from ..charts import bar_chart, xmr_chart
from ..presenters import (
    Report,
    Section,
    Table,
    by_month,
    month_label,
    percent,
    shown,
)
from ..xmr import DOWN, UP
from .common import charted_months


def activity(scope, period, now):
    data = by_month(queries.attendance_by_month(scope, period.chart_starts_at(), period.ends_at))
    months = charted_months(period, data)
    labels, rates, wnb = [], [], []
    rows = []
    for m in months:
        row = data.get(m)
        if not row:
            continue
        due = row["seen"] + row["not_brought"] + row["late_not_seen"]
        labels.append(month_label(m))
        rates.append(100 * row["seen"] / due if due else 0)
        wnb.append(100 * row["not_brought"] / due if due else 0)
        rows.append(
            [
                month_label(m),
                shown(row["seen"]),
                shown(row["not_brought"]),
                shown(row["late_not_seen"]),
                shown(row["cancelled"]),
                percent(row["seen"], due),
                percent(row["not_brought"], due),
            ]
        )
    monthly = Table(
        "attendance",
        "Attendance by month (CSDS attendance codes)",
        [
            "Month",
            "Seen (5, 6)",
            "Was not brought (3)",
            "Late, not seen (7)",
            "Cancelled (2, 4)",
            "Attendance rate",
            "Was-not-brought rate",
        ],
        rows,
    )
    mix = queries.visit_mix(scope, period.starts_at, period.ends_at)

    def table(key, caption, heading, items):
        return Table(
            key,
            f"{caption}, {period.label}",
            [heading, "Visits"],
            [[label, shown(n)] for label, n in items],
        )

    kinds = [(label, mix[f"kind_{v}"]) for v, label in VisitKind.choices]
    places = [(f"{label} ({PLACE_CSDS_CODES[v]})", mix[f"place_{v}"]) for v, label in Place.choices]
    mechanisms = [(f"{label} ({v})", mix[f"mechanism_{v}"]) for v, label in Mechanism.choices]
    attendance = [(f"{label} ({v})", mix[f"attendance_{v}"]) for v, label in Attendance.choices]
    return Report(
        "activity",
        "Activity and attendance",
        "Visits each month and whether families were seen. Rates are of visits that were "
        "due to take place (seen, was not brought, or late and not seen); cancellations are apart.",
        [
            Section(
                "Attendance rate",
                monthly,
                xmr_chart("Attendance rate", "%", labels, rates, UP),
                "xmr",
            ),
            Section(
                "Was-not-brought rate",
                Table(
                    "not_brought",
                    "Was-not-brought rate by month",
                    ["Month", "Rate"],
                    [[r[0], r[6]] for r in rows],
                ),
                xmr_chart("Was-not-brought rate", "%", labels, wnb, DOWN),
                "xmr",
            ),
            Section(
                "Kinds of visit",
                table("kinds", "Visits by kind", "Kind", kinds),
                bar_chart("Visits by kind", kinds),
                "bars",
            ),
            Section(
                "Where",
                table("places", "Visits by place (CSDS activity location type)", "Place", places),
            ),
            Section(
                "How",
                table(
                    "mechanisms", "Visits by consultation mechanism (CSDS)", "Mechanism", mechanisms
                ),
            ),
            Section(
                "Attendance",
                table("attendance_codes", "Visits by attendance (CSDS)", "Attendance", attendance),
            ),
        ],
    )


def outcomes(scope, period, now):
    goals = queries.goal_outcomes(scope, period.starts_at, period.ends_at)
    mean = goals["mean_change"]
    goal_table = Table(
        "goals",
        f"Goal Based Outcomes, goals last rated in {period.label}",
        ["Measure", "Value"],
        [
            ["Goals rated at least twice", shown(goals["goals"])],
            ["Mean change (last rating − first, 0 to 10)", "" if mean is None else f"{mean:+.1f}"],
            ["Reliable improvement (2.45 points or more)", shown(goals["improved"])],
            ["Share with reliable improvement", percent(goals["improved"], goals["goals"])],
            ["Reliable deterioration", shown(goals["worse"])],
        ],
    )
    ended = queries.endings(scope, period.starts_at, period.ends_at)
    items = [(label, ended.get(value, 0)) for value, label in EndReason.choices]
    completed = ended.get(EndReason.COMPLETED, 0)
    early = sum(n for reason, n in ended.items() if reason != EndReason.COMPLETED)
    ending_table = Table(
        "endings",
        f"Programmes ended in {period.label}, by reason",
        ["Reason", "Programmes"],
        [[label, shown(n)] for label, n in items]
        + [["Completed", shown(completed)], ["Ended early", shown(early)]],
    )
    return Report(
        "outcomes",
        "Outcomes",
        "Goal Based Outcomes: the change on each goal from its first rating to its last; "
        "and how programmes ended.",
        [
            Section("Goals", goal_table),
            Section(
                "Endings", ending_table, bar_chart("Programmes ended, by reason", items), "bars"
            ),
        ],
    )
