"""Caseloads, waiting times and referrals."""

from referrals.codes import ReferralSource

from .. import queries
from ..charts import bar_chart, xmr_chart
from ..presenters import (
    Report,
    Section,
    Table,
    by_month,
    month_label,
    series_drawable,
    shown,
    weeks,
)
from ..xmr import DOWN, NEITHER
from .common import NOT_DRAWN, charted_months


def caseload(scope, period, now):
    people = list(scope.staff().values("pk", "full_name"))
    programmes, visits = queries.caseload(scope, period.starts_at, period.ends_at, now)
    rows, ids = [], []
    for person in people:
        p, v = programmes.get(person["pk"], {}), visits.get(person["pk"], {})
        if not p and not v:
            continue
        ids.append(person["pk"])
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
    table = Table("caseload", f"Caseloads, {period.label}", headers, rows, export_ids=ids)
    return Report(
        "caseload",
        "Caseload",
        "Open programmes by state now; visits and cycles in the period; the next visit, "
        "visits still waiting for their outcome and families not seen for 28 days or more.",
        [Section("Each practitioner's caseload", table)],
    )


def _wait_section(key, heading, rows, period):
    months = charted_months(period)
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
    months = charted_months(period, data)
    keys = (
        "total",
        "self_referral",
        "professional",
        "accepted",
        "declined",
        "signposted",
        "undecided",
        "withdrawn",
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
            "Withdrawn by the family",
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
