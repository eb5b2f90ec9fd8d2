"""An index for the report queries (ADR 0011, with its EXPLAIN ANALYZE).

It indexes another app's table, so it is created here with SQL that both
PostgreSQL and SQLite accept, rather than in that model's Meta: the reports
own the reason for it.
"""

from django.db import migrations

INDEXES = {
    # The open programmes of a team (landing page, caseload): 6,917 of 80,584 rows at
    # 100k families. Without it PostgreSQL reads every programme (43 ms), with it
    # only the open ones by index (16 ms). See ADR 0011.
    "reports_programme_open": (
        "vig_sessions_programme (referral_id) WHERE state NOT IN ('completed', 'ended_early')"
    ),
}


class Migration(migrations.Migration):
    dependencies = [
        ("vig_sessions", "0005_summarydelivery_emailed_at"),
        ("referrals", "0003_duplicate_decisions"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {target}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, target in INDEXES.items()
    ]
