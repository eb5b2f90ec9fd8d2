"""Rows into a table: COPY on PostgreSQL, bulk_create elsewhere; ids and sequences."""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection

from .constants import (
    CHUNK,
)


@dataclass
class Writer:
    """Rows into a table: COPY on PostgreSQL, bulk_create elsewhere."""

    rows_written: dict = field(default_factory=dict)

    def write(self, model, columns, rows):
        if connection.vendor == "postgresql":
            self._copy(model, columns, rows)
        else:
            self._bulk(model, columns, rows)

    def _bulk(self, model, columns, rows):
        batch = []
        for row in rows:
            batch.append(model(**dict(zip(columns, row, strict=True))))
            if len(batch) >= 2000:
                model.objects.bulk_create(batch)
                self._count(model, len(batch))
                batch = []
        model.objects.bulk_create(batch)
        self._count(model, len(batch))

    def _copy(self, model, columns, rows):
        table = model._meta.db_table
        names = ", ".join(f'"{model._meta.get_field(c).column}"' for c in columns)
        sql = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        buffer, writer, n = io.StringIO(), None, 0
        writer = csv.writer(buffer)
        with connection.cursor() as cursor:
            for row in rows:
                writer.writerow(["\\N" if v is None else _pg(v) for v in row])
                n += 1
                if n % CHUNK == 0:
                    self._flush(cursor, sql, buffer)
                    buffer = io.StringIO()
                    writer = csv.writer(buffer)
            self._flush(cursor, sql, buffer)
        self._count(model, n)

    @staticmethod
    def _flush(cursor, sql, buffer):
        buffer.seek(0)
        cursor.cursor.copy_expert(sql, buffer)

    def _count(self, model, n):
        self.rows_written[model.__name__] = self.rows_written.get(model.__name__, 0) + n


def _pg(value):
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def next_id(model):
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def reset_sequences(models):
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            # Table names come from the models, never from input.
            sql = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"  # noqa: S608, E501
            cursor.execute(sql)
