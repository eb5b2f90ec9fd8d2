"""The schedule in the database and the messages to families (ADR 0002, 0010).

Part of the settings package: its names are imported into ``vig_service.settings``
at the end of ``__init__.py``, after the shared settings they extend.
"""

from datetime import timedelta

from . import CELERY_BEAT_SCHEDULE, INSTALLED_APPS, env

# --- Scheduling and messages (ADR 0002, 0010) --------------------------------------
# Due work lives in scheduling.DueWork; one beat entry claims what is due each minute.
INSTALLED_APPS += ["scheduling"]
CELERY_BEAT_SCHEDULE["scheduling-sweep"] = {
    "task": "scheduling.tasks.sweep_due_work",
    "schedule": timedelta(minutes=1),
}
# A row claimed this long ago whose task never finished is made due again.
SCHEDULING_CLAIM_TIMEOUT = env.int("SCHEDULING_CLAIM_TIMEOUT", default=15 * 60)
# "Manage my appointment" links expire after this many seconds (default 90 days).
APPOINTMENT_LINK_MAX_AGE = env.int("APPOINTMENT_LINK_MAX_AGE", default=90 * 24 * 3600)
# GOV.UK Notify: texts are sent only when a key is set. Emails go by Notify once
# their template is set too (the calendar is then a download behind the link),
# else by SMTP with the invitation attached; letters by Notify once theirs is set,
# else the guider posts them (ADR 0014). Template ids, one per message.
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_BASE_URL = env.str("NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
NOTIFY_TEMPLATES = {
    "visit_booked": env.str("NOTIFY_TEMPLATE_VISIT_BOOKED", default=""),
    "visit_changed": env.str("NOTIFY_TEMPLATE_VISIT_CHANGED", default=""),
    "visit_cancelled": env.str("NOTIFY_TEMPLATE_VISIT_CANCELLED", default=""),
    "visit_reminder": env.str("NOTIFY_TEMPLATE_VISIT_REMINDER", default=""),
}
NOTIFY_EMAIL_TEMPLATES = {
    name: env.str(f"NOTIFY_EMAIL_TEMPLATE_{name.upper()}", default="") for name in NOTIFY_TEMPLATES
}
NOTIFY_LETTER_TEMPLATES = {
    name: env.str(f"NOTIFY_LETTER_TEMPLATE_{name.upper()}", default="") for name in NOTIFY_TEMPLATES
}
# Templates a translator wrote and the service checked, by the language's name in
# lower case, then channel ("text", "email", "letter"), then message, e.g.
# {"welsh": {"text": {"visit_booked": "<id>"}}}. Anything missing goes in English.
NOTIFY_TRANSLATED_TEMPLATES = env.json("NOTIFY_TRANSLATED_TEMPLATES", default={})
# Notify's delivery-status callbacks carry this bearer token; empty: callbacks refused.
NOTIFY_CALLBACK_TOKEN = env.str("NOTIFY_CALLBACK_TOKEN", default="")
