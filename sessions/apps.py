from django.apps import AppConfig


class VigSessionsConfig(AppConfig):
    """Programmes, visits, films and reviews.

    Django's own session framework owns the label ``sessions``, so this app is
    ``vig_sessions`` everywhere a label matters (migrations, content types).
    """

    name = "sessions"
    label = "vig_sessions"
    verbose_name = "VIG sessions"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="vig_fold")
