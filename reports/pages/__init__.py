"""Each report page, put together from ``reports.queries`` for one scope and period.

``REPORTS`` lists them in navigation order; each builder returns a ``Report``.
"""

from .activity import activity, outcomes
from .people import accreditation, reach
from .work import caseload, referrals, waiting

REPORTS = {
    "caseload": ("Caseload", caseload),
    "waiting": ("Waiting times", waiting),
    "referrals": ("Referrals", referrals),
    "activity": ("Activity and attendance", activity),
    "outcomes": ("Outcomes", outcomes),
    "reach": ("Reach and equality", reach),
    "accreditation": ("Accreditation", accreditation),
}
