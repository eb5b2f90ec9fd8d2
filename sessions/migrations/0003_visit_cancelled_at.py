from django.db import migrations, models


def times_from_the_audit_trail(apps, schema_editor):
    """Visits cancelled before ``cancelled_at`` was kept: the time the audit trail
    recorded for their cancellation, read once here so that nothing reads it later."""
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    Visit = apps.get_model("vig_sessions", "Visit")
    events = AuditEvent.objects.filter(action="visit.cancelled").values_list(
        "details", "created_at"
    )
    for details, created_at in events.iterator():
        visit_id = (details or {}).get("visit")
        if visit_id:
            Visit.objects.filter(pk=visit_id, cancelled_at=None, state="cancelled").update(
                cancelled_at=created_at
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_service_referral_settings"),
        ("vig_sessions", "0002_visit_no_double_booking_postgres"),
    ]

    operations = [
        migrations.AddField(
            model_name="visit",
            name="cancelled_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(times_from_the_audit_trail, migrations.RunPython.noop),
    ]
