"""The reports pages: thin views over ``reports.pages`` (figures) and ``reports.csds``.

Team leads (``VIEW_REPORTS``) see their team's; service admins their service's
teams'; a superuser everyone's. Every table downloads as CSV
(``?download=<table>``), audited as ``report.exported``.
"""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.permissions import Permission, has_permission, permission_required

from . import csds, queries
from .actions import record_export
from .exports import csv_response
from .filters import ReportFilters
from .pages import REPORTS
from .presenters import Table, shown


def _filters(request):
    params = {k: v for k, v in request.GET.items() if k != "download"}
    form = ReportFilters(params or None, user=request.user)
    period, team, practitioner = form.chosen(timezone.localdate())
    return form, period, queries.Scope(request.user, team, practitioner), urlencode(params)


# The landing page's "At a glance" table: (figure, label), in the order shown.
AT_A_GLANCE = [
    ("received", "Referrals received"),
    ("accepted", "Referrals accepted"),
    ("waiting", "Families waiting now"),
    ("over_target", "Waiting longer than the target"),
    ("open", "Open programmes now"),
    ("visits", "Visits in the period"),
    ("seen", "Visits where the family was seen"),
    ("not_brought", "Was not brought"),
]


@permission_required(Permission.VIEW_REPORTS)
@require_safe
def index(request):
    form, period, scope, querystring = _filters(request)
    figures = queries.headlines(scope, period.starts_at, period.ends_at, timezone.now())
    summary = Table(
        "summary",
        "At a glance",
        ["Figure", "Number"],
        [[label, shown(figures[name])] for name, label in AT_A_GLANCE],
    )
    if key := request.GET.get("download"):
        if key != summary.key:
            raise Http404
        record_export(
            by=request.user, report="index", table=key, filters=form.as_details(), request=request
        )
        return csv_response(summary.csv_rows(), f"summary-{period.start:%Y-%m-%d}.csv")
    context = {
        "form": form,
        "period": period,
        "summary": summary,
        "reports": REPORTS,
        "querystring": querystring,
    }
    return render(request, "reports/index.html", context)


def _report_permission(view):
    """The caseload report is also each practitioner's own (their scope); the rest are
    for those who read reports (team leads, service admins)."""

    def check(request, slug):
        if slug == "caseload" and has_permission(request.user, Permission.VIEW_OWN_CASELOAD):
            return view(request, slug=slug)
        return permission_required(Permission.VIEW_REPORTS)(view)(request, slug=slug)

    return check


@_report_permission
@require_safe
def report(request, slug):
    form, period, scope, querystring = _filters(request)
    built = REPORTS[slug][1](scope, period, timezone.now())
    if key := request.GET.get("download"):
        table = built.table(key)
        if table is None:
            raise Http404
        record_export(
            by=request.user, report=slug, table=key, filters=form.as_details(), request=request
        )
        return csv_response(table.csv_rows(), f"{slug}-{key}-{period.start:%Y-%m-%d}.csv")
    context = {"form": form, "period": period, "report": built, "querystring": querystring}
    return render(request, "reports/report.html", context)


@permission_required(Permission.VIEW_REPORTS)
@require_safe
def csds_extract(request):
    form = csds.ExtractForm(request.GET or None)
    if form.is_valid() and form.cleaned_data.get("table"):
        month, table = form.cleaned_data["month"], form.cleaned_data["table"]
        scope = queries.Scope(request.user)
        record_export(by=request.user, report="csds", table=table, month=month, request=request)
        return csv_response(csds.rows(table, scope, month), f"csds-{table}-{month}.csv")
    return render(request, "reports/csds.html", {"form": form, "tables": csds.TABLES})
