from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from .sql import register_sqlite_functions

        connection_created.connect(register_sqlite_functions)
