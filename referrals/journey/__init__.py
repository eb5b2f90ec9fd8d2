"""A public referral journey: its pages, their order, and the answers in the session.

Nothing about a family reaches the database until the person presses "Send";
until then their answers live in the Django session under one key per route and
service (``vig.referral.self.3``), so two tabs referring to two services never
mix. For each page we keep the answer as form data (already cleaned and
normalised), and work out everything else — which pages apply, which are done,
where "Continue" and "Back" go — by validating those answers again, page by
page, in order (``Journey.evaluate``). An answer that an earlier change made
wrong (a contact preference without the email it needs) is simply not done, so
"Change" links lead through exactly the pages that need another look.

- ``flows``: the pages of each route, in order, and when each applies
- ``progress``: the journey so far, worked out from the saved answers
- ``session``: ``Journey``, one person's answers for one route and service
- ``answers``: the rows of "Check your answers", and the details to send
"""

from .answers import build, summary_sections
from .flows import CHILD_STEP, FLOWS, SECTIONS, Context, Step
from .progress import Progress, StepResult, form_data
from .session import SESSION_PREFIX, Journey

__all__ = [
    "CHILD_STEP",
    "FLOWS",
    "SECTIONS",
    "SESSION_PREFIX",
    "Context",
    "Journey",
    "Progress",
    "Step",
    "StepResult",
    "build",
    "form_data",
    "summary_sections",
]
