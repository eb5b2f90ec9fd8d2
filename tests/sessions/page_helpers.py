"""Set-up and checks shared by the tests of the programme's visit, goal and ending pages."""

import re

from django.urls import reverse

from accounts.models import AuditEvent
from sessions import actions
from sessions.models import Attendance, VisitKind
from tests.programme_helpers import at


def past_visit(programme, by, *, kind=VisitKind.OTHER, days=-1, hour=10, attendance=None):
    """A visit booked in the past; with ``attendance``, its outcome recorded too."""
    visit = actions.book_visit(
        programme=programme, kind=kind, starts_at=at(days, hour), place="home", by=by
    )
    if attendance is not None:
        visit = actions.record_outcome(visit=visit, attendance=attendance, by=by)
    return visit


def attended(programme, by, *, kind=VisitKind.OTHER, days=-1, hour=10):
    return past_visit(
        programme, by, kind=kind, days=days, hour=hour, attendance=Attendance.ATTENDED
    )


def url(name, programme, *args):
    return reverse(f"programmes:{name}", args=[programme.reference, *args])


def page_text(response):
    """The page's visible words, tags stripped and spaces squeezed, for assertions."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    for entity, char in (
        ("&#x27;", "'"),
        ("&quot;", '"'),
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
    ):
        text = text.replace(entity, char)
    return " ".join(text.split())


def error_summary(response):
    """The error messages in the page's error summary, in order."""
    html = response.content.decode()
    match = re.search(r'class="nhsuk-error-summary".*?</ul>', html, flags=re.S)
    assert match, "the page has no error summary"
    items = re.findall(r"<li>(.*?)</li>", match.group(0), flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()).replace("&#x27;", "'") for item in items]


def assert_form_error(response, message):
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert message in error_summary(response), error_summary(response)


def writes(programme):
    """The audit events that record a change to the family's programme (not views)."""
    return list(
        AuditEvent.objects.filter(family_reference=programme.reference)
        .exclude(action=actions.AuditAction.VIEWED)
        .values_list("action", flat=True)
    )


def views(programme):
    return AuditEvent.objects.filter(
        family_reference=programme.reference, action=actions.AuditAction.VIEWED
    ).count()
