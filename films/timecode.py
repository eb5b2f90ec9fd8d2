"""Times in a film as people type them, and as pages show them.

``parse_time`` understands "1:02.5" (minutes and seconds, or hours too:
"1:02:03"), "62.5" (seconds) and "1m 2.5s" (with h, m and s; spaces optional),
and a comma for the decimal point ("62,5"). It returns whole milliseconds, or
raises ``ValueError`` with a message for the person who typed it.
"""

import re

CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$")
SECONDS = re.compile(r"^\d+(?:\.\d+)?$")
UNITS = re.compile(
    r"^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*m(?:in(?:ute)?s?)?)?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*s(?:ec(?:ond)?s?)?)?$"
)

NOT_A_TIME = "Enter a time like 1:02.5, 62.5 or 1m 2.5s"


def parse_time(text):
    """Milliseconds from the start of the film."""
    value = (text or "").strip().lower().replace(",", ".")
    if not value:
        raise ValueError("Enter a time")
    if match := CLOCK.match(value):
        hours, minutes, seconds = match.groups()
        if float(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
            raise ValueError(NOT_A_TIME)
        total = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    elif SECONDS.match(value):
        total = float(value)
    elif (match := UNITS.match(value)) and any(match.groups()):
        hours, minutes, seconds = (float(part or 0) for part in match.groups())
        total = hours * 3600 + minutes * 60 + seconds
    else:
        raise ValueError(NOT_A_TIME)
    return round(total * 1000)


def format_time(ms, *, places=1):
    """ "1:02.5" for 62 500 ms (to the tenth of a second, or ``places``)."""
    step = 10 ** (3 - places)
    units = round(max(0, int(ms)) / step)
    minutes, rest = divmod(units, 60 * 1000 // step)
    seconds = rest * step / 1000
    width = 3 + places if places else 2
    return f"{minutes}:{seconds:0{width}.{places}f}"


def format_length(ms):
    """ "4.5 seconds" — a clip's length in words."""
    seconds = round(ms / 1000, 1)
    number = f"{seconds:g}"
    return f"{number} second" if number == "1" else f"{number} seconds"
