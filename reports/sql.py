"""SQL pieces the reports need that Django lacks, on PostgreSQL and SQLite alike.

``Percentile`` is PostgreSQL's ``PERCENTILE_CONT … WITHIN GROUP``; SQLite has no
such aggregate, so the app registers one with the same (linear interpolation)
definition on every SQLite connection (``register_sqlite_functions``).
``DaysBetween`` is the time between two moments in days, as a float.
"""

import math

from django.db.models import Aggregate, FloatField, Func


class DaysBetween(Func):
    output_field = FloatField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        # SQLite stores datetimes and dates as ISO text: julianday() reads both.
        return super().as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        (end, end_params), (start, start_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        sql = f"(EXTRACT(EPOCH FROM (({end})::timestamptz - ({start})::timestamptz)) / 86400.0)"
        return sql, (*end_params, *start_params)


class Percentile(Aggregate):
    """The ``fraction`` percentile of the expression, interpolated (PERCENTILE_CONT)."""

    function = "PERCENTILE_CONT"
    output_field = FloatField()

    def __init__(self, expression, fraction, **extra):
        self.fraction = float(fraction)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra):  # SQLite: our registered aggregate
        return super().as_sql(
            compiler,
            connection,
            function="vig_percentile",
            template=f"%(function)s(%(expressions)s, {self.fraction!r})",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template=f"PERCENTILE_CONT({self.fraction!r}) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra,
        )


def percentile_cont(values, fraction):
    """PostgreSQL's PERCENTILE_CONT: position fraction·(n − 1), linear between neighbours."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    position = fraction * (len(values) - 1)
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


class _SQLitePercentile:
    def __init__(self):
        self.values, self.fraction = [], 0.5

    def step(self, value, fraction):
        self.fraction = fraction
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return percentile_cont(self.values, self.fraction)


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("vig_percentile", 2, _SQLitePercentile)
