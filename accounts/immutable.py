"""Append-only rows: written once, never changed or deleted.

``ImmutableModelMixin`` refuses ``save()`` on an existing row and ``delete()``;
``ImmutableQuerySet`` refuses the bulk ways round that, ``update()``,
``bulk_update()`` and ``delete()`` (as job-server's ``jobserver/model_utils.py``).

A model may name fields an action is allowed to set later in
``amendable_fields`` (consent records: ``superseded_at``, when a newer record
takes their place). The one way to set them is the explicit ``amend(**fields)``,
which refuses any other field.
"""

from django.core.exceptions import ValidationError
from django.db import models


class AppendOnlyError(ValidationError):
    """A change or deletion of append-only rows was attempted."""


class ImmutableModelMixin:
    """Rows that are written once and never changed or deleted (append-only)."""

    amendable_fields: tuple[str, ...] = ()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} records cannot be deleted.")


class ImmutableQuerySet(models.QuerySet):
    """Querysets of append-only rows: reads and inserts only."""

    def _refuse(self, what):
        raise AppendOnlyError(f"{self.model.__name__} records cannot be {what}.")

    def update(self, **kwargs):
        self._refuse("changed")

    def bulk_update(self, objs, fields, batch_size=None):
        self._refuse("changed")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        self._refuse("changed")

    def delete(self):
        self._refuse("deleted")

    def amend(self, **fields):
        """Set fields the model allows to be set later (``amendable_fields``); nothing else.

        The escape hatch for the action that owns the rows, e.g. marking
        consent records superseded. Returns the number of rows changed.
        """
        allowed = set(getattr(self.model, "amendable_fields", ()))
        refused = sorted(set(fields) - allowed)
        if refused or not fields:
            raise AppendOnlyError(
                f"{self.model.__name__} records cannot have {', '.join(refused) or 'nothing'} "
                "changed."
            )
        return super().update(**fields)
