"""What a family has agreed to, now and over time."""

from collections import defaultdict

from .models import ConsentRecord, Kind, Scope


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


def in_force(programme):
    """The records in force now, every caregiver's, as a list."""
    return list(ConsentRecord.objects.filter(programme=programme, superseded_at__isnull=True))


def withdrawal(programme, recorded_at):
    """The records of one caregiver's withdrawal recorded at ``recorded_at``, in the
    order of the consent form's scopes (empty if there is no such withdrawal)."""
    records = list(
        ConsentRecord.objects.filter(
            programme=programme, kind=Kind.WITHDRAWN, recorded_at=recorded_at
        ).select_related("caregiver", "recorded_by")
    )
    return sorted(records, key=lambda r: Scope.values.index(r.scope))
