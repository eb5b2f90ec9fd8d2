"""Audit for sign-in events that Django and django-axes announce.

Failed sign-ins, lockouts and sign-outs are signalled by the framework
wherever they happen (our sign-in page, the admin, a script calling
``authenticate``), so they are recorded here, in one place. Successful
sign-ins are recorded by ``accounts.auth_actions`` when the second factor
is checked, because only then is a person fully signed in.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from . import sign_in_throttle
from .audit import record
from .middleware import SessionRefreshMiddleware
from .models import AuditAction
from .queries import account_for_email


@receiver(user_login_failed, dispatch_uid="accounts.audit_sign_in_failed")
def audit_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``; only the
    # email address (our username) is kept.
    email = str(credentials.get("username") or credentials.get("email") or "").strip().lower()
    sign_in_throttle.count_failure(request)
    _record_against_account(AuditAction.SIGN_IN_FAILED, email, request)


@receiver(user_locked_out, dispatch_uid="accounts.audit_locked_out")
def audit_locked_out(sender, request=None, username=None, **kwargs):
    email = str(username or "").strip().lower()
    _record_against_account(AuditAction.LOCKED_OUT, email, request)


@receiver(user_logged_out, dispatch_uid="accounts.audit_sign_out")
def audit_sign_out(sender, request=None, user=None, **kwargs):
    if user is None:
        return
    with transaction.atomic():
        record(AuditAction.SIGN_OUT, actor=user, request=request)


def _record_against_account(action, email, request):
    """Nobody has proved who they are, so there is no actor: the attempted
    email is the label, and the account (if there is one) the target, so the
    account's team lead sees attempts on their colleague's account."""
    account = account_for_email(email)
    with transaction.atomic():
        record(
            action,
            actor_label=email,
            target=account,
            team_id=account.team_id if account else None,
            request=request,
            details={"email": email},
        )


@receiver(user_logged_in, dispatch_uid="accounts.start_idle_clock")
def start_idle_clock(sender, request=None, user=None, **kwargs):
    """Signing in writes the session anyway: note then that it was fresh, so the
    next pages within the minute do not write it again."""
    if request is not None and hasattr(request, "session"):
        SessionRefreshMiddleware.mark_seen(request.session)
