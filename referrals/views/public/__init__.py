"""Public pages: the services, their information pages, and the referral forms.

Thin views: load the service and the person's journey (``referrals.journey``),
check the page's answers with its form, keep them in the session, and send the
finished referral through ``referrals.actions.submit_referral``.

- ``common``: loading a journey, rate limits, the friendly refusals
- ``services``: the list of services, a service's page, choosing a service
- ``questions``: starting, and the question pages
- ``children``: adding, changing and removing other children
- ``outcomes``: check and send, confirmation, not eligible, family not agreed
"""

from .children import add_child, edit_child, remove_child
from .common import csrf_failure, too_many_attempts
from .outcomes import check_answers, confirmation, not_agreed, not_eligible
from .questions import start, step
from .services import choose_service, service_list, service_page, who_it_is_for

__all__ = [
    "add_child",
    "check_answers",
    "choose_service",
    "confirmation",
    "csrf_failure",
    "edit_child",
    "not_agreed",
    "not_eligible",
    "remove_child",
    "service_list",
    "service_page",
    "start",
    "step",
    "too_many_attempts",
    "who_it_is_for",
]
