"""On PostgreSQL, the database itself refuses overlapping visits for one practitioner.

An exclusion constraint (with btree_gist for the practitioner's id) catches two
requests booking at the same moment, which a check in the action alone cannot.
SQLite (the embedded mode) serialises writes instead, and the action's check
covers it there. The constraint is not in the model's Meta because SQLite can't
create it.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE vig_sessions_visit ADD CONSTRAINT visit_no_double_booking
    EXCLUDE USING gist (
        practitioner_id WITH =,
        tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (state <> 'cancelled');
"""
DROP = "ALTER TABLE vig_sessions_visit DROP CONSTRAINT IF EXISTS visit_no_double_booking;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("vig_sessions", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
