"""The database cache's table, so ``migrate`` alone gives a working app.

Rate limits and sign-in throttling keep their counts in the cache. Without
REDIS_URL that is Django's database cache, whose table ``createcachetable``
makes — a step easy to forget, after which every public form failed with "no
such table: vig_cache". Here it is made by ``migrate`` on every database,
whenever a database cache is configured (with Redis there is nothing to do).
The command skips tables that already exist, so it is safe to run again.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_admin_help_text")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
