"""Each programme and visit keeps its family's team, so the reports read a team's
visits in a period, and its open programmes, by one index range instead of joining
every programme (ADR 0011)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def from_the_referral(apps, schema_editor):
    """Two UPDATEs: every programme takes its referral's team (allocated referrals
    always have one), and every visit its programme's."""
    Referral = apps.get_model("referrals", "Referral")
    Programme = apps.get_model("vig_sessions", "Programme")
    Visit = apps.get_model("vig_sessions", "Visit")
    team = Referral.objects.filter(pk=OuterRef("referral_id")).values("team_id")
    Programme.objects.update(team_id=Subquery(team[:1]))
    team = Programme.objects.filter(pk=OuterRef("programme_id")).values("team_id")
    Visit.objects.update(team_id=Subquery(team[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_user_welcome_sent_at"),
        ("referrals", "0003_duplicate_decisions"),
        ("vig_sessions", "0005_summarydelivery_emailed_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="team",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.team",
            ),
        ),
        migrations.AddField(
            model_name="visit",
            name="team",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.team",
            ),
        ),
        migrations.RunPython(from_the_referral, migrations.RunPython.noop),
    ]
