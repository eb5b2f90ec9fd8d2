from django.db import migrations, models

EMAILED = ("visit.summary_emailed", "programme.closing_letter_emailed")


def from_the_audit_trail(apps, schema_editor):
    """Summaries and closing letters emailed before ``emailed_at`` was kept keep
    their "sent" moment, so a late redelivery of their task sends nothing. Read
    once, here, and never again."""
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    SummaryDelivery = apps.get_model("vig_sessions", "SummaryDelivery")
    sent = AuditEvent.objects.filter(
        action__in=EMAILED, target_type="vig_sessions.summarydelivery"
    ).values_list("target_id", "created_at")
    for target_id, created_at in sent.iterator():
        if target_id.isdigit():
            SummaryDelivery.objects.filter(pk=int(target_id), emailed_at=None).update(
                emailed_at=created_at
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("vig_sessions", "0004_summary_skip"),
    ]

    operations = [
        migrations.AddField(
            model_name="summarydelivery",
            name="emailed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(from_the_audit_trail, migrations.RunPython.noop, elidable=True),
    ]
