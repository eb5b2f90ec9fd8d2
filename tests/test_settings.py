"""Settings come from the environment, and production is safe by default."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "vig.example.nhs.uk",
    "DATABASE_URL": "sqlite:////tmp/vig-deploy-check.sqlite3",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "SERVICE_ORGANISATION_NAME": "Northmoor NHS Foundation Trust",
}
# Variables our test run sets that production would not have.
TEST_ONLY = (
    "HTTPS",
    "STATIC_MANIFEST",
    "VAR_DIR",
    "SECRET_KEY",
    "DEBUG",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run_manage(*args, env):
    servers = ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL")
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY + servers}
    return subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_secret_key_is_a_clear_error_naming_the_variable():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_https_settings_follow_debug_by_default():
    script = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS > 0)"
    )
    result = run_manage("shell", "--no-imports", "-c", script, env=PRODUCTION)
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr


def test_staff_sessions_end_after_thirty_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    # Refreshed at most once a minute (tests/accounts/test_session_refresh.py).
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_REFRESH_SECONDS == 60


def test_embedded_default_needs_no_servers():
    script = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.EMAIL_BACKEND)"
    )
    env = {"SECRET_KEY": "x" * 50, "HTTPS": "false", "VAR_DIR": "var/test"}
    result = run_manage("shell", "--no-imports", "-c", script, env=env)
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "filesystem://localhost//",
        "django.core.mail.backends.console.EmailBackend",
    ], result.stderr
