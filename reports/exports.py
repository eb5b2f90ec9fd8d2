"""CSV exports, streamed, with cells escaped against formula injection.

A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage
return before one) as a formula: such cells get a leading apostrophe (OWASP's
advice), so the text is shown, never run. Exports hold no names or contact
details of families; report tables never have them.
"""

import csv

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape(cell):
    if cell is None:
        return ""
    text = str(cell)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return text  # numbers, negative ones too, are numbers
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def csv_response(rows, filename):
    """Stream ``rows`` (an iterable of sequences) as ``filename``."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([escape(cell) for cell in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
