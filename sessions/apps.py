from django.apps import AppConfig


class VigSessionsConfig(AppConfig):
    """Programmes, visits, films and reviews.

    Django's own session framework owns the label ``sessions``, so this app is
    ``vig_sessions`` everywhere a label matters (migrations, content types).
    """

    name = "sessions"
    label = "vig_sessions"
    verbose_name = "VIG sessions"
