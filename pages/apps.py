from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Public information pages and feedback"

    def ready(self):
        from . import checks  # noqa: F401 — registers the deployment check
