"""The reports pages: thin views over ``reports.pages`` (figures) and ``reports.csds``.

Team leads (``VIEW_REPORTS``) see their team's; a superuser everyone's. Every
table downloads as CSV (``?download=<table>``), audited as ``report.exported``.
"""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.permissions import Permission, permission_required

from . import csds, queries
from .actions import record_export
from .exports import csv_response
from .filters import ReportFilters
from .pages import REPORTS
from .presenters import shown


def _filters(request):
    params = {k: v for k, v in request.GET.items() if k != "download"}
    form = ReportFilters(params or None, user=request.user)
    period, team, practitioner = form.chosen(timezone.localdate())
    return form, period, queries.Scope(request.user, team, practitioner), urlencode(params)


@permission_required(Permission.VIEW_REPORTS)
@require_safe
def index(request):
    form, period, scope, querystring = _filters(request)
    figures = queries.headlines(scope, period.starts_at, period.ends_at, timezone.now())
    figures = {name: shown(count) for name, count in figures.items()}
    context = {
        "form": form,
        "period": period,
        "figures": figures,
        "reports": REPORTS,
        "querystring": querystring,
    }
    return render(request, "reports/index.html", context)


def _report_permission(view):
    """The caseload report is also each practitioner's own (their scope); the rest are
    team leads'."""

    def check(request, slug):
        permission = Permission.VIEW_OWN_CASELOAD if slug == "caseload" else Permission.VIEW_REPORTS
        return permission_required(permission)(view)(request, slug=slug)

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
