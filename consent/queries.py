"""What a family has agreed to, now and over time."""

from collections import defaultdict

from .models import ConsentRecord, Scope


def current_records(programme):
    """``{caregiver_id: {scope: record}}`` for the records in force, in one query."""
    found = defaultdict(dict)
    for record in ConsentRecord.objects.filter(
        programme=programme, superseded_at__isnull=True
    ).select_related("form_version"):
        found[record.caregiver_id][record.scope] = record
    return found


def allowed_now(programme, current=None):
    """``{scope: bool}``: a use is allowed when every caregiver who answered said yes
    and nobody has withdrawn it. No answer at all means not allowed."""
    current = current_records(programme) if current is None else current
    allowed = {}
    for scope in Scope.values:
        answers = [records[scope] for records in current.values() if scope in records]
        allowed[scope] = bool(answers) and all(r.granted for r in answers)
    return allowed


def filming_allowed(programme):
    return allowed_now(programme)[Scope.FILMING]


def history(programme):
    return (
        ConsentRecord.objects.filter(programme=programme)
        .select_related("caregiver", "form_version", "recorded_by")
        .order_by("-recorded_at", "scope")
    )
