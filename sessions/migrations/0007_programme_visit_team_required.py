import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Its own migration: on PostgreSQL the backfill's updates leave deferred
    # foreign-key checks pending, and a table with pending checks can't be altered
    # in the same transaction.
    dependencies = [
        ("accounts", "0006_user_welcome_sent_at"),
        ("vig_sessions", "0006_programme_visit_team"),
    ]

    operations = [
        migrations.AlterField(
            model_name="programme",
            name="team",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.team",
            ),
        ),
        migrations.AddIndex(
            model_name="programme",
            index=models.Index(
                condition=models.Q(("state__in", ["completed", "ended_early"]), _negated=True),
                fields=["team"],
                name="programme_team_open",
            ),
        ),
        migrations.AlterField(
            model_name="visit",
            name="team",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.team",
            ),
        ),
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(fields=["team", "starts_at"], name="visit_team_starts_at"),
        ),
    ]
