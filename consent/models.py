"""Consent to filming and to each further use of the film (DOMAIN.md, Governance).

Consent records are append-only: a change of mind is a new record, so the history
of what a parent agreed to, and when, can always be shown. The only field an
action may set on an existing record is ``superseded_at``, when a newer record
for the same caregiver and scope takes its place. What happens after a record
is made (the email confirming a withdrawal) is kept beside it, in its own row.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.immutable import ImmutableModelMixin, ImmutableQuerySet


class Scope(models.TextChoices):
    FILMING = "filming", "Being filmed"
    KEEP_FILM = "keep_film", "Keeping the film for the programme"
    SUPERVISOR = "supervisor", "Showing clips to the VIG supervisor"
    GROUP_SUPERVISION = (
        "group_supervision",
        "Showing clips in group supervision with other trainees",
    )
    TRAINING = "training", "Using clips in training or presentations"


class Method(models.TextChoices):
    SIGNED_ON_SCREEN = "signed_on_screen", "Signed on screen (typed name)"
    PAPER = "paper", "Paper form"
    VERBAL = "verbal", "Verbal, with a witness"


class Kind(models.TextChoices):
    GIVEN = "given", "Answered on a consent form"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ConsentFormVersion(models.Model):
    """The words parents read. The form shown is the newest one in effect."""

    service = models.ForeignKey(
        "accounts.Service",
        on_delete=models.PROTECT,
        related_name="consent_forms",
        help_text="The service whose parents read this form.",
    )
    version = models.CharField(
        max_length=20,
        help_text="For example 2.1. Each version of a service's form needs its own number.",
    )
    effective_from = models.DateField(
        help_text=(
            "The first day parents are shown this version. The newest version in effect is "
            "the one shown."
        )
    )
    text = models.TextField(help_text="What the parent reads before agreeing. Plain English.")
    created_at = models.DateTimeField(
        default=timezone.now, help_text="When this version was added."
    )

    class Meta:
        ordering = ["service", "-effective_from", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "version"], name="consent_form_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.service.name} consent form v{self.version}"

    @classmethod
    def current_for(cls, service, on=None):
        on = on or timezone.localdate()
        return (
            cls.objects.filter(service=service, effective_from__lte=on)
            .order_by("-effective_from", "-pk")
            .first()
        )


class ConsentRecord(ImmutableModelMixin, models.Model):
    """One caregiver's answer for one scope: yes, no, or a withdrawal."""

    programme = models.ForeignKey(
        "vig_sessions.Programme", on_delete=models.PROTECT, related_name="consent_records"
    )
    caregiver = models.ForeignKey(
        "referrals.Caregiver", on_delete=models.PROTECT, related_name="consent_records"
    )
    scope = models.CharField(max_length=20, choices=Scope.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    granted = models.BooleanField()
    form_version = models.ForeignKey(
        ConsentFormVersion, on_delete=models.PROTECT, null=True, blank=True
    )
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    signed_name = models.CharField(max_length=200, blank=True)
    witness_name = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    visit = models.ForeignKey(
        "vig_sessions.Visit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    effective_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    superseded_at = models.DateTimeField(null=True, blank=True)

    # Append-only, in bulk too: ``ConsentRecord.objects.filter(…).update()`` and
    # ``.delete()`` refuse; only ``.amend(superseded_at=…)`` may mark records superseded.
    objects = ImmutableQuerySet.as_manager()
    amendable_fields = ("superseded_at",)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            # What is allowed now: one current record per caregiver and scope.
            models.UniqueConstraint(
                fields=["caregiver", "scope"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_consent_per_caregiver_and_scope",
            ),
            # A withdrawal never grants anything.
            models.CheckConstraint(
                condition=~models.Q(kind="withdrawn") | models.Q(granted=False),
                name="withdrawal_grants_nothing",
            ),
            # An answer on a form says which form and how it was given.
            models.CheckConstraint(
                condition=~models.Q(kind="given")
                | (models.Q(form_version__isnull=False) & ~models.Q(method="")),
                name="consent_answer_has_form_and_method",
            ),
            models.CheckConstraint(
                condition=~models.Q(method="signed_on_screen") | ~models.Q(signed_name=""),
                name="signed_consent_has_typed_name",
            ),
            models.CheckConstraint(
                condition=~models.Q(method="verbal") | ~models.Q(witness_name=""),
                name="verbal_consent_has_witness",
            ),
        ]

    def __str__(self):
        answer = "yes" if self.granted else ("withdrawn" if self.kind == Kind.WITHDRAWN else "no")
        return f"{self.caregiver} – {self.get_scope_display()}: {answer}"


class WithdrawalConfirmation(models.Model):
    """The email confirming a withdrawal to the parent, in writing: one per
    withdrawal, made with it. ``sent_at`` says it went, and is the "send once"
    guard of its task (``consent.actions.send_withdrawal_confirmation``).
    """

    # A withdrawal is one record per scope, made at once; its first stands for it,
    # and its id is the confirmation's (so the task's ``record_id`` finds it).
    record = models.OneToOneField(
        ConsentRecord, on_delete=models.CASCADE, primary_key=True, related_name="confirmation"
    )
    sent_to = models.EmailField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Confirmation of {self.record}"
