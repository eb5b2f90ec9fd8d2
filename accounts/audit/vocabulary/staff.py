"""Staff accounts, signing in and out, and reading the audit trail."""

from ..registry import register
from ..wording import day, joined, label_of, lower_first, plural, sent_to

SECOND_FACTOR = {
    "authenticator app": "with a code from the authenticator app",
    "backup code": "with a backup code",
    "skipped in development": "second factor skipped (local development only)",
}


def _attempted(details, names):
    email = details.get("email")
    return f"as {email}" if email else "with no email address"


def _wrong_code(details, names):
    method = details.get("method") or "security code"
    step = "while setting up the app" if details.get("step") == "set-up" else "while signing in"
    if details.get("reason") == "throttled":
        return f"too many wrong codes, so the {method} was not checked {step}"
    return f"{method} code not accepted {step}"


def _new_account(details, names):
    from accounts.models import Role

    role = details.get("role")
    return joined(lower_first(label_of(Role, role)) if role else "", details.get("email"))


def _trail_filters(details, names):
    parts = []
    if details.get("person_id") or details.get("person_email"):
        person = names(details.get("person_id")) or details.get("person_email")
        parts.append(f"about {person}")
    if details.get("email"):
        parts.append(f"email {details['email']}")
    if details.get("family_reference"):
        parts.append(f"family {details['family_reference']}")
    if details.get("date_from"):
        parts.append(f"from {day(details['date_from'])}")
    if details.get("date_to"):
        parts.append(f"to {day(details['date_to'])}")
    page = f"page {details['page']}" if details.get("page") else ""
    return joined(page, "filtered " + ", ".join(parts) if parts else "")


SIGN_IN = register(
    "auth.sign_in",
    "Signed in",
    holds="second_factor: how the second step was passed (authenticator app, backup code).",
    describe=lambda d, names: SECOND_FACTOR.get(d.get("second_factor"), ""),
)
SIGN_IN_FAILED = register(
    "auth.sign_in_failed",
    "Sign-in failed",
    holds="email: the address someone tried to sign in with. The target is its account, if any.",
    describe=_attempted,
)
SECOND_FACTOR_FAILED = register(
    "auth.second_factor_failed",
    "Security code wrong",
    holds="method: authenticator app or backup code; reason: wrong or throttled; "
    "step: sign-in or set-up.",
    describe=_wrong_code,
)
LOCKED_OUT = register(
    "auth.locked_out",
    "Locked out after repeated failures",
    holds="email: the account's address after too many wrong passwords.",
    describe=lambda d, names: f"account {d['email']} locked for a while" if d.get("email") else "",
)
SIGN_OUT = register("auth.sign_out", "Signed out", holds="Nothing.")
TWO_FACTOR_ENROLLED = register(
    "auth.2fa_enrolled",
    "Set up two-factor authentication",
    holds="Nothing; the target is the authenticator app (device) linked.",
    describe=lambda d, names: "linked an authenticator app",
)
BACKUP_CODE_USED = register(
    "auth.backup_code_used",
    "Used a backup code",
    holds="backups_left: how many unused backup codes remain.",
    describe=lambda d, names: f"{plural(d['backups_left'], 'backup code')} left",
)
BACKUP_CODES_CREATED = register(
    "auth.backup_codes_created",
    "Made new backup codes",
    holds="how_many: how many new codes; the old ones stopped working.",
    describe=lambda d, names: f"{plural(d['how_many'], 'new code')}; the old ones stopped working",
)
PASSWORD_RESET_REQUESTED = register(
    "auth.password_reset_requested",
    "Asked to reset password",
    holds="Nothing; the target is the account a reset link was emailed for.",
    describe=lambda d, names: "a reset link was emailed",
)
PASSWORD_CHANGED = register(
    "auth.password_changed",
    "Changed password",
    holds="how: the way it was changed (reset link).",
    describe=lambda d, names: f"with a {d['how']}" if d.get("how") else "",
)
STAFF_CREATED = register(
    "staff.created",
    "Staff account created",
    holds="email and role of the new account.",
    describe=_new_account,
)
STAFF_WELCOME_SENT = register(
    "staff.welcome_sent",
    "Welcome email sent",
    holds="to: the address the welcome email went to.",
    describe=lambda d, names: sent_to(d),
)
AUDIT_VIEWED = register(
    "audit.viewed",
    "Viewed the audit trail",
    holds="page: the page number; the filters used (person_id, person_email, email, "
    "family_reference, date_from, date_to).",
    describe=_trail_filters,
    mentions=lambda d: [d.get("person_id")],
)
