"""Each report page, put together from ``reports.queries`` for one scope and period.

``REPORTS`` lists them in navigation order; each builder returns a ``Report``.
"""

from referrals.codes import EthnicCategory, ReferralSource
from referrals.models import Relationship
from sessions.models import PLACE_CSDS_CODES, Attendance, EndReason, Mechanism, Place, VisitKind

from . import queries
from .charts import bar_chart, xmr_chart
from .presenters import (
    Report,
    Section,
    Table,
    by_month,
    month_label,
    months_between,
    percent,
    series_drawable,
    shown,
    weeks,
)
from .xmr import DOWN, NEITHER, UP

NOT_DRAWN = "Not drawn: some months have fewer than 5, and the chart would show how many."


def _series(period, data=None):
    """The months charted; with ``data`` (by month), from the first month that has any."""
    months = months_between(period.chart_start(), period.end)
    if data:
        months = [m for m in months if m >= min(data)]
    return months


def caseload(scope, period, now):
    people = list(scope.staff().values("pk", "full_name"))
    programmes, visits = queries.caseload(scope, period.starts_at, period.ends_at, now)
    rows = []
    for person in people:
        p, v = programmes.get(person["pk"], {}), visits.get(person["pk"], {})
        if not p and not v:
            continue
        next_visit = v.get("next_visit")
        rows.append(
            [
                person["full_name"],
                *(shown(p.get(k, 0)) for k in ("pre_vig", "active", "paused")),
                *(shown(v.get(k, 0)) for k in ("attended", "not_brought", "cancelled", "cycles")),
                f"{next_visit:%-d %b %Y}" if next_visit else "None booked",
                shown(v.get("overdue", 0)),
                shown(p.get("not_seen", 0)),
            ]
        )
    headers = [
        "Practitioner",
        "Pre-VIG",
        "Active",
        "Paused",
        "Visits attended",
        "Was not brought",
        "Cancelled",
        "Cycles completed",
        "Next visit",
        "Visits waiting for an outcome",
        "Not seen for 28 days or more",
    ]
    table = Table("caseload", f"Caseloads, {period.label}", headers, rows)
    return Report(
        "caseload",
        "Caseload",
        "Open programmes by state now; visits and cycles in the period; the next visit, "
        "visits still waiting for their outcome and families not seen for 28 days or more.",
        [Section("Each practitioner's caseload", table)],
    )


def _wait_section(key, heading, rows, period):
    months = _series(period)
    data = by_month(rows)
    medians = [(m, data[m]["median"]) for m in months if m in data]
    chart = xmr_chart(
        f"Median wait, {heading.lower()}",
        "weeks",
        [month_label(m) for m, _ in medians],
        [d / 7 for _, d in medians],
        better=DOWN,
    )
    table_rows = [
        [
            month_label(m),
            shown(data[m]["waits"]),
            weeks(data[m]["median"]),
            weeks(data[m]["p90"]),
            shown(data[m]["breaches"]),
        ]
        for m in months
        if m in data
    ]
    headers = ["Month", "Waits ended", "Median (weeks)", "90th percentile (weeks)", "Over target"]
    table = Table(key, f"Waits, {heading.lower()}, by month", headers, table_rows)
    return Section(heading, table, chart, "xmr")


def waiting(scope, period, now):
    bands, over = queries.waiting_summary(scope.referrals().waiting_list(), now)
    band_table = Table(
        "bands",
        "Families waiting now, by national waiting-time band",
        ["Weeks waiting", "Families"],
        [[label, shown(count)] for label, count in bands]
        + [["Over the service's target", shown(over)]],
    )
    start = period.chart_starts_at()
    return Report(
        "waiting",
        "Waiting times",
        "The waiting list now by national band, and how long families waited each month, "
        "counted in days and shown in weeks.",
        [
            Section("Waiting now", band_table, bar_chart("Families waiting now", bands), "bars"),
            _wait_section(
                "allocation",
                "Referral to allocation",
                queries.waits_to_allocation(scope, start, period.ends_at),
                period,
            ),
            _wait_section(
                "first_visit",
                "Referral to first visit",
                queries.waits_to_first_visit(scope, start, period.ends_at),
                period,
            ),
        ],
    )


def referrals(scope, period, now):
    data = by_month(queries.referrals_by_month(scope, period.chart_starts_at(), period.ends_at))
    months = _series(period, data)
    keys = (
        "total",
        "self_referral",
        "professional",
        "accepted",
        "declined",
        "signposted",
        "undecided",
    )
    totals = [data.get(m, {}).get("total", 0) for m in months]
    monthly = Table(
        "by_month",
        "Referrals received, by month",
        [
            "Month",
            "Received",
            "Self",
            "Professional",
            "Accepted",
            "Declined",
            "Signposted",
            "Not yet decided",
        ],
        [[month_label(m), *(shown(data.get(m, {}).get(k, 0)) for k in keys)] for m in months],
    )
    chart = xmr_chart(
        "Referrals received", "referrals", [month_label(m) for m in months], totals, NEITHER
    )
    drawn = series_drawable(totals)
    sources = queries.referrals_by_source(scope, period.starts_at, period.ends_at)
    source_items = [(f"{label} ({code})", sources[code]) for code, label in ReferralSource.choices]
    by_source = Table(
        "by_source",
        f"Referrals by source (CSDS source of referral), {period.label}",
        ["Source of referral", "Referrals"],
        [[label, shown(n)] for label, n in source_items],
    )
    return Report(
        "referrals",
        "Referrals",
        "Referrals received each month, by route and by what the team decided; and by source. "
        "A family referred twice and linked as a duplicate counts once.",
        [
            Section(
                "Referrals each month",
                monthly,
                chart if drawn else None,
                "xmr",
                "" if drawn else NOT_DRAWN,
            ),
            Section(
                "Who referred", by_source, bar_chart("Referrals by source", source_items), "bars"
            ),
        ],
    )


def activity(scope, period, now):
    data = by_month(queries.attendance_by_month(scope, period.chart_starts_at(), period.ends_at))
    months = _series(period, data)
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


def _reach_table(key, caption, heading, rows, labels):
    table_rows = []
    for row in rows:
        table_rows.append(
            [
                labels.get(row["group"], row["group"] or "Not given"),
                shown(row["referred"]),
                shown(row["started"]),
                shown(row["completed"]),
                percent(row["completed"], row["referred"]),
            ]
        )
    return Table(
        key,
        caption,
        [heading, "Referred", "Started", "Completed", "Completed of referred"],
        table_rows,
    )


def reach(scope, period, now):
    data = queries.reach(scope, period.starts_at, period.ends_at)
    total = data["total"]
    ethnicity = {code: f"{label} ({code})" for code, label in EthnicCategory.choices}
    languages = {
        "english": "English",
        "other": "Another language, no interpreter",
        "interpreter": "Needs an interpreter",
    }
    children = {
        "unborn": "Unborn",
        "under_1": "Under 1 at referral",
        "older": "1 year or older at referral",
    }
    tables = [
        ("ethnicity", "By ethnic category of a parent or carer", "Ethnic category", ethnicity),
        (
            "relationship",
            "By relationship to the child",
            "Parent or carer",
            dict(Relationship.choices),
        ),
        ("language", "By language", "Language", languages),
        ("child", "By the child's age", "Child", children),
    ]
    sections = [
        Section(
            "All families",
            _reach_table(
                "total",
                f"Families referred in {period.label}",
                "Families",
                [{"group": "All families", **total}],
                {},
            ),
        )
    ]
    for key, caption, heading, labels in tables:
        table = _reach_table(
            key, f"{caption}, referred in {period.label}", heading, data[key], labels
        )
        items = [
            (labels.get(r["group"], r["group"] or "Not given"), r["referred"]) for r in data[key]
        ]
        sections.append(
            Section(
                caption, table, bar_chart(f"Families referred, {caption.lower()}", items), "bars"
            )
        )
    return Report(
        "reach",
        "Reach and equality",
        "Families referred in the period, and how many of them started and completed VIG. "
        "A family is counted in every group its parents, carers and children belong to.",
        sections,
    )


def accreditation(scope, period, now):
    from accounts.models import AccreditationStage

    cycles = queries.cycles_per_guider(scope)
    people = (
        scope.staff()
        .filter(accreditation_stage__in=list(queries.STAGE_REQUIREMENTS))
        .values("pk", "full_name", "accreditation_stage")
    )
    stages = dict(AccreditationStage.choices)
    rows, items = [], []
    for person in people:
        done = cycles.get(person["pk"], {})
        need_cycles, need_clients = queries.STAGE_REQUIREMENTS[person["accreditation_stage"]]
        n, clients = done.get("cycles", 0), done.get("clients", 0)
        rows.append(
            [
                person["full_name"],
                stages[person["accreditation_stage"]],
                shown(n),
                shown(clients),
                need_cycles,
                need_clients,
                max(need_cycles - n, 0),
            ]
        )
        items.append((person["full_name"], n))
    table = Table(
        "cycles",
        "Trainees' VIG cycles against their stage's requirement (AVIGuk)",
        [
            "Trainee",
            "Stage",
            "Cycles",
            "Families",
            "Cycles needed",
            "Families needed",
            "Cycles to go",
        ],
        rows,
    )
    return Report(
        "accreditation",
        "Accreditation",
        "A cycle is a filming visit that took place followed by a shared review that took place. "
        "Counted over all history; supervision hours are not recorded here.",
        [Section("Cycles per trainee", table, bar_chart("Cycles per trainee", items), "bars")],
    )


REPORTS = {
    "caseload": ("Caseload", caseload),
    "waiting": ("Waiting times", waiting),
    "referrals": ("Referrals", referrals),
    "activity": ("Activity and attendance", activity),
    "outcomes": ("Outcomes", outcomes),
    "reach": ("Reach and equality", reach),
    "accreditation": ("Accreditation", accreditation),
}
