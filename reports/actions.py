"""The one write the reports make: the audit record of an export."""

from django.db import transaction

from accounts import audit


@transaction.atomic
def record_export(*, by, report, table, filters=None, month="", request=None):
    audit.record(
        "report.exported",
        actor=by,
        request=request,
        details={"report": report, "table": table, "filters": filters or {}, "month": month},
    )
