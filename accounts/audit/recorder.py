"""The one way to write to the audit trail.

Call ``record`` inside the same transaction as the change it describes, so the
event and the change commit (or roll back) together.
"""

from vig_service.client_address import client_address

from ..models import AuditEvent
from .registry import event_type

# Keys whose values never reach the audit trail.
SENSITIVE_KEYS = ("password", "token", "secret", "otp", "code", "key")
MASK = "••••••"


def mask(details):
    """A copy of ``details`` with secret-looking values replaced."""
    if isinstance(details, dict):
        return {
            key: MASK if any(s in str(key).lower() for s in SENSITIVE_KEYS) else mask(value)
            for key, value in details.items()
        }
    if isinstance(details, list | tuple):
        return [mask(value) for value in details]
    return details


def client_ip(request):
    """The visitor's address, as sign-in lockout and rate limits see it."""
    return client_address(request)


def record(
    action,
    *,
    actor=None,
    actor_label="",
    target=None,
    target_type="",
    target_id="",
    family_reference="",
    team_id=None,
    request=None,
    details=None,
):
    """Write one audit event.

    ``actor`` is the staff user who acted (or None for the public or the system;
    then ``actor_label`` says who, e.g. "public" or "system"). ``target`` is the
    model instance acted on; its type and id are stored as text, never as a key.
    ``team_id`` defaults to the actor's team, which decides who may read it.

    ``action`` must be a registered event type (``accounts/audit/vocabulary/``);
    anything else raises ``UnregisteredEventType`` and nothing is written.
    """
    action = event_type(action).code
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
    if team_id is None and actor is not None:
        team_id = actor.team_id
    service_id = None
    if actor is not None and actor.team_id:
        service_id = actor.team.service_id
    return AuditEvent.objects.create(
        action=action,
        actor_id=actor.pk if actor else None,
        actor_label=actor.email if actor else actor_label,
        target_type=target_type,
        target_id=str(target_id),
        family_reference=family_reference,
        team_id=team_id,
        service_id=service_id,
        ip_address=client_ip(request),
        details=mask(details or {}),
    )
