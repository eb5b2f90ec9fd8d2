"""Fields the programme pages share: a time of day, a GBO rating, an honest date.

Each words its errors the way the NHS service manual asks, naming the thing
that is wrong and how to put it right.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from vig_service.forms import DateInputField

# "14:30", "9:30", "09.30", "930", "2:30pm", "2pm", "2.30 p.m."
TIME_PATTERN = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.]?(?P<minute>\d{2}))?\s*(?P<half>[ap])?(?:\.?\s*m\.?)?$",
    re.IGNORECASE,
)
WORDS = {"noon": datetime.time(12, 0), "midday": datetime.time(12, 0)}


def parse_time(text):
    """``datetime.time`` for what a person typed, or None if it is not a real time."""
    text = " ".join(str(text).split()).lower()
    if text in WORDS:
        return WORDS[text]
    match = TIME_PATTERN.match(text)
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = match["half"]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return datetime.time(hour, minute)


class TimeOfDayField(forms.CharField):
    """One text box for a time: "14:30", "9:30" and "2:30pm" all clean to a ``time``."""

    LONGEST = 20

    def __init__(self, *, subject="Time", **kwargs):
        self.subject = subject
        lower = subject[:1].lower() + subject[1:]
        messages = {
            "required": f"Enter the {lower}",
            "invalid": f"{subject} must be a real time, like 14:30",
        }
        messages.update(kwargs.pop("error_messages", {}))
        kwargs.setdefault("help_text", "For example, 14:30")
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "class": "nhsuk-input--width-5",
                    "autocomplete": "off",
                    "spellcheck": "false",
                }
            ),
        )
        super().__init__(error_messages=messages, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        parsed = parse_time(value)
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed

    def clean(self, value):
        # A very long answer is simply not a time: one message, not two.
        if isinstance(value, str) and len(value) > self.LONGEST:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().clean(value)


class RatingField(forms.IntegerField):
    """A Goal Based Outcomes rating: a whole number from 0 to 10."""

    def __init__(self, *, name, required=True, **kwargs):
        wrong = f"Rating for {name} must be a whole number from 0 to 10"
        kwargs.setdefault(
            "help_text", "0 means not at all close to the goal, 10 means the goal is reached."
        )
        super().__init__(
            min_value=0,
            max_value=10,
            required=required,
            widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
            error_messages={
                "required": f"Enter a rating from 0 to 10 for {name}",
                "invalid": wrong,
                "min_value": wrong,
                "max_value": wrong,
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) > 5:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def date_field(subject, **kwargs):
    """A day-month-year date whose "required" message reads "Enter the <subject>"."""
    lower = subject[:1].lower() + subject[1:]
    return DateInputField(
        subject=subject,
        error_messages={"required": f"Enter the {lower}"},
        **kwargs,
    )


def local_datetime(day, time):
    """The moment ``day`` at ``time`` is on local clocks, as an aware UTC datetime.

    Raises ValidationError for a time the clocks skip (the spring change): it
    never happens that day.
    """
    zone = timezone.get_current_timezone()
    naive = datetime.datetime.combine(day, time)
    # In UTC, so that adding a visit's length counts real minutes across a clock change.
    aware = timezone.make_aware(naive, zone).astimezone(datetime.UTC)
    if aware.astimezone(zone).replace(tzinfo=None) != naive:
        raise ValidationError(
            f"{time:%H:%M} does not exist on {day:%-d %B %Y} because the clocks go forward. "
            "Choose another time.",
            code="skipped_time",
        )
    return aware


def long_date(day):
    return f"{day:%-d %B %Y}"


def rating_name(goal):
    return f"goal_{goal.public_id.hex}"


def scores_from(form):
    """``{goal.pk: score}`` for the goals rated in ``form`` (empty ones left out)."""
    return {
        goal.pk: form.cleaned_data[rating_name(goal)]
        for goal in form.goals
        if form.cleaned_data.get(rating_name(goal)) is not None
    }
