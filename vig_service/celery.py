"""The Celery app: broker and schedule come from Django settings (CELERY_*)."""

import os

from celery import Celery, signals, states

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vig_service.settings")

app = Celery("vig_service")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_postrun.connect
def keep_the_connection_only_after_success(task=None, state=None, **kwargs):
    """A worker keeps its database connection from task to task, as a web process does.

    Celery closes it around every task unless ``CELERY_DB_REUSE_MAX`` is set
    (settings), and a new PostgreSQL connection costs more than a reminder's
    queries. Reuse is safe only for a connection known to be sound: after a task
    that failed (a time limit may have interrupted a query) it is closed;
    otherwise Django's own request rules apply — ``CONN_MAX_AGE``, and with
    ``CONN_HEALTH_CHECKS`` a check before it is used again. With
    ``CELERY_DB_REUSE_MAX`` unset, it is closed after every task, as Celery does.
    """
    if task is None or getattr(task.request, "is_eager", False):
        return  # eager: inside the caller's transaction, not between tasks
    from django.conf import settings
    from django.db import close_old_connections, connections

    if state == states.SUCCESS and getattr(settings, "CELERY_DB_REUSE_MAX", None):
        close_old_connections()
    else:
        connections.close_all()
