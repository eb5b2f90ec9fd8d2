from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        # Audit receivers for sign-in failures, lockouts and sign-outs.
        from . import signals  # noqa: F401
