"""Realistic fictional history at scale, for benchmarks (``generate_load``).

Importable by other work (page performance benchmarks): ``generate(families=…,
visits=…, seed=…)`` builds one service with teams, staff, and three years of
referrals (seasonal: fewer in August, more in January), programmes, visits
with realistic attendance, goals and GBO ratings. On PostgreSQL rows go in by
``COPY``; elsewhere (SQLite, for tests) by ``bulk_create``. Nothing here is a
real person: names are "Load", contact details empty.
"""

from .build import generate

__all__ = ["generate"]
