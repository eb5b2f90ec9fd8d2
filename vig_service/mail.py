"""Email that must go out at most once, however often its task is delivered.

Each such email has a row that says when it went (``Referral.acknowledged_at``,
``SummaryDelivery.emailed_at``, ``WithdrawalConfirmation.sent_at``, …): the guard
reads that row, never the audit trail. The sending is still audited.

```python
def send_acknowledgement(*, referral_id):
    return send_once(
        Referral.objects.select_related("service"),
        referral_id,
        field="acknowledged_at",
        compose=acknowledgement_email,   # row -> Email, or None: nobody to write to
        on_sent=audit_it,                # (row, email), in the same transaction
    )
```
"""

from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .tasks import load


@dataclass(frozen=True)
class Email:
    to: list
    subject: str
    body: str


def send_once(rows, pk, *, field, compose, on_sent=None) -> bool:
    """Send ``compose(row)`` about the row ``pk`` of ``rows``, unless its ``field`` is set.

    The row is locked while we look at ``field``, send, and set it, all in one
    transaction: two deliveries of the same task (a broker redelivery, a retry)
    send one email, and a send that raises rolls back, leaving ``field`` empty
    for the retry. Nothing is marked when ``compose`` finds nobody to write to
    (it returns None, or an ``Email`` with no ``to``). Returns True when this
    call sent it.
    """
    with transaction.atomic():
        # ``of``: lock only the row itself; PostgreSQL refuses to lock the
        # nullable side of a select_related outer join.
        row = load(rows.select_for_update(of=("self",)), pk)
        if row is None or getattr(row, field) is not None:
            return False
        email = compose(row)
        if email is None or not email.to:
            return False
        send_mail(
            subject=email.subject,
            message=email.body,
            from_email=None,
            recipient_list=list(email.to),
        )
        setattr(row, field, timezone.now())
        type(row)._base_manager.filter(pk=row.pk).update(**{field: getattr(row, field)})
        if on_sent is not None:
            on_sent(row, email)
    return True
