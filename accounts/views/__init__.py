"""Staff sign-in with a second factor, password reset, the staff home and the audit trail.

One module per journey:

- ``sign_in``: email and password, then the second factor, setting up an
  authenticator app, backup codes, signing out;
- ``password_reset``: the "forgotten your password?" emails and pages;
- ``home``: the staff home page;
- ``audit_trail``: the team lead's audit trail.

``accounts.middleware.StaffAccessMiddleware`` keeps everyone out of /staff/ and
/admin/ until both sign-in steps are done.
"""

from .audit_trail import audit_trail
from .home import home
from .password_reset import (
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
)
from .sign_in import backup_codes, sign_in, sign_out, two_factor, two_factor_setup

__all__ = [
    "PasswordResetCompleteView",
    "PasswordResetConfirmView",
    "PasswordResetDoneView",
    "PasswordResetView",
    "audit_trail",
    "backup_codes",
    "home",
    "sign_in",
    "sign_out",
    "two_factor",
    "two_factor_setup",
]
