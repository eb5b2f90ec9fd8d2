"""Consent: answers recorded, withdrawals, and the parent's written confirmation."""

from ..registry import register
from ..wording import joined, label_of, listed, lower_first, sent_to


def _scopes(values):
    from consent.models import Scope

    return listed(lower_first(label_of(Scope, value)) for value in values)


def _recorded(details, names):
    from consent.models import Method

    answers = details.get("answers") or {}
    agreed = [scope for scope, yes in answers.items() if yes]
    refused = [scope for scope, yes in answers.items() if not yes]
    version = details.get("form_version")
    method = details.get("method")
    return joined(
        f"form version {version}" if version else "",
        lower_first(label_of(Method, method)) if method else "",
        f"agreed to {_scopes(agreed)}" if agreed else "",
        f"not to {_scopes(refused)}" if refused else "",
        sep="; ",
    )


RECORDED = register(
    "consent.recorded",
    "Consent recorded",
    holds="caregiver: the caregiver's id; form_version; method (signed on screen, paper, "
    "verbal); answers: yes or no for each use of the film.",
    describe=_recorded,
)
WITHDRAWN = register(
    "consent.withdrawn",
    "Consent withdrawn",
    holds="caregiver: the caregiver's id; scopes: what was withdrawn; reason: in the parent's "
    "words, if given.",
    describe=lambda d, names: _scopes(d.get("scopes") or []),
)
CONFIRMATION_SENT = register(
    "consent.withdrawal_confirmation_sent",
    "Withdrawal confirmation emailed",
    holds="to: the address the parent's written confirmation went to.",
    describe=lambda d, names: sent_to(d),
)
