"""The team's referral pages, under /staff/referrals/.

Every list starts from ``Referral.objects.visible_to(user)``, and a single
referral is loaded by ``loading.referral_page``, which scopes first: a referral
outside the person's scope is a 404 whatever they try to do with it; one they
can see but not change is a 403. Pages ask the actions whether a move is allowed
(``can_triage``, ``why_not_allocate``, …) and show the action's own reason.
Writes go through ``referrals.actions``. Every GET of a page that shows the
family's details is an audited read (``record_view``); a HEAD shows nothing.

- ``lists``: the inbox and the waiting list
- ``referral``: the referral page; possible duplicates side by side: linking them as
  one family, or saying they are different families
- ``triage``: the triage decision
- ``allocation``: allocating and reallocating
"""

from .allocation import allocate_referral
from .lists import inbox, waiting_list
from .referral import compare_duplicates, different_families, referral_detail
from .triage import triage_referral

__all__ = [
    "allocate_referral",
    "compare_duplicates",
    "different_families",
    "inbox",
    "referral_detail",
    "triage_referral",
    "waiting_list",
]
