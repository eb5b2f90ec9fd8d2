"""``migrate`` alone gives a working app: the database cache's table included."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(*args, env):
    return subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_migrate_alone_makes_the_cache_table_the_public_forms_need(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "REDIS_URL": "",
        "VAR_DIR": str(tmp_path),
        "SECRET_KEY": "test-only",
        "DEBUG": "false",
    }

    migrated = manage("migrate", "--noinput", "-v0", env=env)
    assert migrated.returncode == 0, migrated.stderr
    # What a rate-limited public form does first: count in the cache.
    used = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.cache import cache; cache.set('probe', 1); print(cache.get('probe'))",
        env=env,
    )

    assert used.returncode == 0, used.stderr
    assert used.stdout.strip() == "1"
