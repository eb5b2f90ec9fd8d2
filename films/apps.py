from django.apps import AppConfig


class FilmsConfig(AppConfig):
    """Films of filming visits: upload, checking, private playback, destruction."""

    name = "films"

    def ready(self):
        from . import signals  # noqa: F401 — connects the withdrawal receiver
