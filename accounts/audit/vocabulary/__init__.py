"""Every audit event type, one module per part of the service.

Importing this package registers them all (``accounts.audit`` does so).
"""

from . import consent, films, moments, programmes, referrals, reports, scheduling, staff  # noqa: F401
