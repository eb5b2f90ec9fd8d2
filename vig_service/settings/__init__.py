"""Settings for the VIG Service.

One module for every environment: everything that differs between a laptop demo
and production comes from environment variables (or a `.env` file beside
`manage.py`). Defaults are the *embedded* mode: SQLite, Celery over Kombu's
filesystem transport, console email — no servers needed. `.env.example` lists
every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(a long random string) or turn DEBUG on for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public name shown in the header, emails and page titles.
SERVICE_NAME = env.str("SERVICE_NAME", default="Video Interaction Guidance")
# Where links in emails point (no trailing slash).
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

# The organisation running the service: named in the footer, and the data
# controller in the privacy notice. One per deployment; each Service keeps its
# own public phone and email (the admin's "Messages" settings). `manage.py check
# --deploy` warns while the name is this placeholder.
SERVICE_ORGANISATION_NAME = env.str("SERVICE_ORGANISATION_NAME", default="Example NHS Trust")
SERVICE_ORGANISATION_ADDRESS = env.str("SERVICE_ORGANISATION_ADDRESS", default="")
SERVICE_ORGANISATION_PHONE = env.str("SERVICE_ORGANISATION_PHONE", default="")
SERVICE_ORGANISATION_EMAIL = env.str("SERVICE_ORGANISATION_EMAIL", default="")
# The organisation's data protection officer (UK GDPR Art 37), for the privacy notice.
DATA_PROTECTION_OFFICER_EMAIL = env.str("DATA_PROTECTION_OFFICER_EMAIL", default="")

# Folder for everything the app writes at run time in the embedded mode:
# SQLite database, Celery's filesystem queue, beat schedule, private media.
VAR_DIR = BASE_DIR / env.str("VAR_DIR", default="var")  # relative paths are under BASE_DIR
VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "vig_service",  # template tags and form fields shared by every app
    "accounts",
    "referrals",
    "consent",
    "sessions.apps.VigSessionsConfig",
    "reports",
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.SessionRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns lockouts into our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vig_service.urls"
WSGI_APPLICATION = "vig_service.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vig_service.context_processors.service",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one SQLite file: wait for locks, don't fail.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, sign-in and 2FA -----------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two-factor authentication is required for every staff user. This switch may
# relax it only while DEBUG is on (local development); it is ignored otherwise.
OTP_RELAXED_FOR_DEVELOPMENT = DEBUG and env.bool("OTP_RELAXED_FOR_DEVELOPMENT", default=False)
OTP_TOTP_ISSUER = SERVICE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Lockout after repeated failed sign-ins (django-axes): per account, from
# anywhere. Never per address or per address + browser: one person's mistakes
# must not lock out a colleague on the same NHS network (ADR 3).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The same client address as rate limits and the audit trail (see BEHIND_PROXY).
AXES_CLIENT_IP_CALLABLE = "vig_service.client_address.client_address"
# And per client address, across accounts, with a higher limit: someone trying
# many accounts is slowed whatever browser they claim (accounts.sign_in_throttle).
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("SIGN_IN_ADDRESS_FAILURE_LIMIT", default=30)
SIGN_IN_ADDRESS_WINDOW_MINUTES = env.int("SIGN_IN_ADDRESS_WINDOW_MINUTES", default=10)

# Staff sessions end after this many minutes without a request.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Not written on every request (a signed-in page cost a database write): refreshed
# at most once a minute by accounts.middleware.SessionRefreshMiddleware instead,
# so a session still ends after 30 minutes without a request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers ---------------------------------------------------------
# HTTPS-only settings follow DEBUG, so production is safe with no extra variable;
# HTTPS=false serves the embedded demo over plain http://localhost.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# A proxy (nginx, a load balancer) terminates TLS and passes requests on. Then
# the visitor's address comes from X-Real-IP (else the last X-Forwarded-For
# entry) — read in one place, vig_service.client_address, by sign-in lockout,
# rate limits and the audit trail alike.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
RATELIMIT_IP_META_KEY = "vig_service.client_address.ratelimit_ip"
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "referrals.views.public.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # NHS.UK frontend loads Frutiger from assets.nhs.uk; offline it falls back to Arial.
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Public forms: biggest request body we accept (uploads have their own limits).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=256 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# --- Cache (rate limiting shares it across processes) -------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    # The embedded mode runs one web process; a database cache is shared by it,
    # the worker and beat alike, and needs no server.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "vig_cache",
        }
    }
RATELIMIT_USE_CACHE = "default"
SILENCED_SYSTEM_CHECKS = [
    # Django's own RedisCache and the database cache are both shared and atomic
    # enough for rate limiting; django-ratelimit only knows memcached/django-redis.
    "django_ratelimit.W001",
    "django_ratelimit.E003",
    # Axes locks per account only, on purpose (ADR 3): client addresses are
    # throttled across accounts by accounts.sign_in_throttle instead, with a
    # higher limit, so an office behind one address is not locked out.
    "axes.W006",
]

# --- Celery -------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_QUEUE_DIR = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    # The filesystem transport ignores the host, but Kombu warns "No hostname was
    # supplied" on every connection without one.
    CELERY_BROKER_URL = "filesystem://localhost//"
    # Kombu creates none of these and needs in == out, all absolute.
    for _sub in ("queue", "processed", "control"):
        (CELERY_QUEUE_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# What a task prints (the console email backend's emails, in the embedded demo)
# goes straight to the worker's output, not through the log as "WARNING" lines.
CELERY_WORKER_REDIRECT_STDOUTS = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# One message a pool process by default: a process busy with a long film job must
# not hold emails behind it. Workers of short tasks only (films on a queue of their
# own) can take `--prefetch-multiplier=4` and wait less on the broker
# (bench/reminders.py); with acks_late, messages held by a lost worker come back
# by Redis's visibility timeout, and their rows by the sweep's stale claims.
CELERY_WORKER_PREFETCH_MULTIPLIER = env.int("CELERY_WORKER_PREFETCH_MULTIPLIER", default=1)
# Keep a worker's database connection between tasks (Celery closes it after every
# task otherwise: a new PostgreSQL connection per reminder). It is still closed
# after a failed task and every CELERY_DB_REUSE_MAX tasks
# (vig_service.celery.keep_the_connection_only_after_success).
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
# No task has a rate limit (Notify's is kept by the schedule, scheduling.notify).
CELERY_WORKER_DISABLE_RATE_LIMITS = True
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Periodic work, defined here in code. Each entry is a short sweep; the schedule
# of real work (appointments, reminders) lives in database rows.
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": timedelta(hours=1),
    },
}

# --- Email --------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="VIG Service <no-reply@vig.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files and private media ----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Films never sit under a public URL: MEDIA_ROOT is private and served only
# through views that check access and audit each read.
PRIVATE_MEDIA_ROOT = BASE_DIR / env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/no-public-media/"},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"
CRISPY_FAIL_SILENTLY = not DEBUG

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_traceback_for_client_errors": {
            "()": "vig_service.log_filters.NoTracebackForClientErrors"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_traceback_for_client_errors"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Films and the schedule keep their settings in modules of their own.
from .films import *  # noqa: E402, F403
from .scheduling import *  # noqa: E402, F403
