"""The audit trail: who did what to which record, when, from where."""

import uuid

from django.db import models
from django.utils import timezone

from ..immutable import ImmutableModelMixin
from ..queries import AuditEventQuerySet


class AuditAction:
    """Codes of the audit events accounts records. Their labels and what their
    details hold are in the vocabulary, ``accounts/audit/vocabulary/staff.py``."""

    SIGN_IN = "auth.sign_in"
    SIGN_IN_FAILED = "auth.sign_in_failed"
    SECOND_FACTOR_FAILED = "auth.second_factor_failed"
    LOCKED_OUT = "auth.locked_out"
    SIGN_OUT = "auth.sign_out"
    TWO_FACTOR_ENROLLED = "auth.2fa_enrolled"
    BACKUP_CODE_USED = "auth.backup_code_used"
    BACKUP_CODES_CREATED = "auth.backup_codes_created"
    PASSWORD_RESET_REQUESTED = "auth.password_reset_requested"  # noqa: S105 — an event code
    PASSWORD_CHANGED = "auth.password_changed"  # noqa: S105 — an event code
    STAFF_CREATED = "staff.created"
    STAFF_WELCOME_SENT = "staff.welcome_sent"
    AUDIT_VIEWED = "audit.viewed"


class AuditEvent(ImmutableModelMixin, models.Model):
    """Who did what to which record, when, from where.

    Deliberately no foreign keys: audit never blocks deleting live data, and
    deleting live data never erases audit. Write through `accounts.audit.record`.
    """

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, editable=False, help_text="This event's own number."
    )
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="When it happened."
    )
    action = models.CharField(
        max_length=60, db_index=True, help_text="What was done, as a code like auth.sign_in."
    )
    actor_id = models.BigIntegerField(
        null=True,
        blank=True,
        db_index=True,
        help_text=(
            "The number of the staff account that did it. Empty when nobody was signed in, "
            "like a failed sign-in or a family's online referral."
        ),
    )
    actor_label = models.CharField(
        max_length=254,
        blank=True,
        help_text='Who did it, as they were known then: an email address, or "public".',
    )
    target_type = models.CharField(
        max_length=60, blank=True, help_text="The kind of record it was done to."
    )
    target_id = models.CharField(
        max_length=64, blank=True, help_text="The number of the record it was done to."
    )
    family_reference = models.CharField(
        max_length=20,
        blank=True,
        db_index=True,
        help_text="The family's reference number, when it is about a family.",
    )
    # Scope for who may read the event (team leads see their own team's).
    service_id = models.BigIntegerField(
        null=True, blank=True, help_text="The number of the service it belongs to."
    )
    team_id = models.BigIntegerField(
        null=True,
        blank=True,
        db_index=True,
        help_text="The number of the team whose team leads may read it.",
    )
    ip_address = models.GenericIPAddressField(
        null=True, blank=True, help_text="The internet (IP) address the request came from."
    )
    details = models.JSONField(
        default=dict,
        blank=True,
        help_text="More about what was done. Sensitive values are hidden.",
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["team_id", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    @property
    def action_label(self):
        from ..audit import label_for

        return label_for(self.action)
