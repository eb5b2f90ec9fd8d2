"""Indexes for the report queries (ADR 0011, with their EXPLAIN ANALYZE).

They index other apps' tables, so they are created here with SQL that both
PostgreSQL and SQLite accept, rather than in those models' Meta: the reports
own the reason for them.
"""

from django.db import migrations

INDEXES = {
    # A family's visits in time order: a team's visits in a period (nested loop from
    # the team's programmes), first visit, last seen, and a cycle's filming before.
    "reports_visit_programme_starts": "vig_sessions_visit (programme_id, starts_at)",
    # A team's referrals in a period.
    "reports_referral_team_received": "referrals_referral (team_id, received_at)",
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
