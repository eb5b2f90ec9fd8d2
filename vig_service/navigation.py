"""The staff navigation under the NHS.UK header: which links a person sees.

Drawn on every staff page, so it is worked out in Python rather than with an
``{% include %}`` and a ``{% url %}`` per link: the addresses are reversed once a
process (they never change while it runs), and the template only loops.
"""

from functools import cache

from django.urls import get_script_prefix, reverse

from accounts.permissions import Permission, has_permission

# (permission needed, or None for everyone signed in; view name; words), in order.
LINKS = (
    (None, "accounts:home", "Home"),
    (Permission.VIEW_OWN_CASELOAD, "programmes:caseload", "My caseload"),
    (Permission.VIEW_OWN_CASELOAD, "programmes:diary", "Diary"),
    (Permission.TRIAGE_REFERRALS, "referrals:inbox", "Referrals"),
    (Permission.TRIAGE_REFERRALS, "referrals:waiting_list", "Waiting list"),
    (Permission.VIEW_REPORTS, "pages:staff_feedback", "Feedback"),
    (Permission.VIEW_REPORTS, "reports:index", "Reports"),
    (Permission.VIEW_AUDIT_TRAIL, "accounts:audit_trail", "Audit trail"),
)


@cache
def _address(view_name, prefix):  # noqa: ARG001 — the prefix is the cache's key; reverse reads it
    return reverse(view_name)


def staff_links(user, current_view):
    """``[{"href", "text", "current"}]`` for the links ``user`` may follow;
    ``current`` marks the page they are on (``current_view``, a view name)."""
    prefix = get_script_prefix()
    return [
        {
            "href": _address(view_name, prefix),
            "text": text,
            "current": view_name == current_view,
        }
        for permission, view_name, text in LINKS
        if permission is None or has_permission(user, permission)
    ]
