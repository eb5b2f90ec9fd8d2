"""The time fields of the micro-analysis page: what people type, and what pages show."""

import pytest

from films.timecode import format_time, parse_time


@pytest.mark.parametrize(
    ("typed", "ms"),
    [
        ("1:02.5", 62_500),
        ("62.5", 62_500),
        ("1m 2.5s", 62_500),
        ("1m2.5s", 62_500),
        ("1 min 2.5 sec", 62_500),
        ("62,5", 62_500),
        ("0:00", 0),
        ("2s", 2_000),
        ("3m", 180_000),
        ("1:02:03", 3_723_000),
        (" 12 ", 12_000),
        ("0:04.567", 4_567),
    ],
)
def test_every_way_of_writing_a_time_is_understood(typed, ms):
    assert parse_time(typed) == ms


@pytest.mark.parametrize("typed", ["", "abc", "1:75", "-1", "1:2:3:4", "m", "1.2.3", "5 parsecs"])
def test_what_is_not_a_time_says_how_to_write_one(typed):
    with pytest.raises(ValueError, match="Enter a time"):
        parse_time(typed)


def test_times_are_shown_to_the_tenth_of_a_second():
    assert format_time(62_500) == "1:02.5"
    assert format_time(59_960) == "1:00.0"
    assert format_time(4_567, places=3) == "0:04.567"
    assert parse_time(format_time(123_400)) == 123_400
