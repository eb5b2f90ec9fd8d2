"""Matching names and references whatever their case, in any script.

"zoë", "ZOË" and "Zoë" typed with a combining diaeresis all find Zoë. Both sides
are folded the same way: Unicode NFC, then lower case. PostgreSQL folds with
its own ``NORMALIZE`` and ``LOWER`` (Unicode-aware in a UTF-8 database with a
UTF-8 ctype, such as C.UTF-8 or en_GB.UTF-8); SQLite's ``LOWER`` knows only
ASCII, so on SQLite each connection gets a ``vig_fold`` function that folds
with Python's rules (registered in ``sessions.apps``).
"""

import re
import unicodedata

from django.db.models import CharField, Func

# What a search may hold: letters and numbers of any script, with the apostrophes
# and hyphens of names ("O'Brien", "Smith-Jones") and references ("VIG-7KQ3-M2XD").
# Anything else separates words, so "Jones, Sam" and "Jones Sam" are the same search.
WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
MAX_WORDS = 5


def fold(text):
    return unicodedata.normalize("NFC", text).lower() if text is not None else None


def search_words(query):
    """The words to look for in ``query``, folded, without repeats, in order."""
    words = []
    for word in WORD.findall(fold(query)):
        word = word.replace("’", "'")
        if word not in words:
            words.append(word)
    return words


class Folded(Func):
    """A text column folded as ``fold`` folds the words searched for."""

    output_field = CharField()
    template = "LOWER(NORMALIZE(%(expressions)s, NFC))"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="vig_fold(%(expressions)s)")


def register_sqlite_functions(sender, connection, **kwargs):
    """``connection_created`` receiver: give each SQLite connection ``vig_fold``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("vig_fold", 1, fold, deterministic=True)
