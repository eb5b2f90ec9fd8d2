"""A date as three boxes — day, month, year — the NHS.UK "date input" pattern.

``DateInputField`` is one form field (one value, one error) made of three text
inputs. It cleans to ``datetime.date`` and words its errors the way the NHS
service manual asks: "Enter a date", "Date must include a month",
"Date must be a real date", "Year must include 4 numbers". Give the thing
being asked about as ``subject`` to get "Date of birth must include a month".

The crispy "nhsuk" template pack draws it as a ``fieldset role="group"`` with
a legend, hint and error, and puts the error class only on the boxes that are
wrong (see ``ValidationError.params["parts"]``).
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

PARTS = ("day", "month", "year")
# Only 0 to 9. str.isdigit() and int() also take "²", Arabic-Indic and fullwidth
# digits, and int("²") raises: a 500 on every page with a date.
ASCII_NUMBER = re.compile(r"[0-9]+")
PART_LABELS = {"day": "Day", "month": "Month", "year": "Year"}
PART_WIDTHS = {"day": 2, "month": 2, "year": 4}

# People type "Feb" or "february" as often as "2": accept them all.
MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class DateInputWidget(forms.MultiWidget):
    """Three ``inputmode="numeric"`` text boxes named ``<name>_day``, ``_month``, ``_year``.

    Their ids are ``<id>_day`` and so on; a label or an error summary link for
    the whole date points at the day box.
    """

    template_name = "nhsuk/widgets/date_input.html"

    def __init__(self, attrs=None, autocomplete=None):
        # autocomplete="bday" marks a date of birth: browsers then offer
        # bday-day, bday-month and bday-year.
        self.autocomplete = autocomplete
        super().__init__({part: forms.TextInput for part in PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else ""

    def parts(self, name, value, id_, error_parts=(), disabled=False):
        """One dict per box, for the template that draws them."""
        if not isinstance(value, (list, tuple)):
            value = self.decompress(value)
        value = list(value) + [None] * (len(PARTS) - len(value))
        parts = []
        for part, part_value in zip(PARTS, value, strict=False):
            error = part in error_parts
            css = " ".join(
                filter(
                    None,
                    [
                        "nhsuk-input",
                        "nhsuk-input--error" if error else "",
                        f"nhsuk-input--width-{PART_WIDTHS[part]}",
                        "nhsuk-date-input__input",
                    ],
                )
            )
            parts.append(
                {
                    "part": part,
                    "label": PART_LABELS[part],
                    "name": f"{name}_{part}",
                    "id": f"{id_}_{part}" if id_ else "",
                    "value": "" if part_value is None else str(part_value),
                    "css_class": css,
                    "error": error,
                    "autocomplete": f"{self.autocomplete}-{part}" if self.autocomplete else "",
                    "disabled": disabled,
                }
            )
        return parts

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        context["date_id"] = widget_attrs.get("id", "")
        context["parts"] = self.parts(
            name, value, context["date_id"], disabled=bool(widget_attrs.get("disabled"))
        )
        return context

    def _render(self, template_name, context, renderer=None):
        # The template lives with the crispy pack in the project's templates
        # folder, which Django's default form renderer does not search.
        return render_to_string(template_name, context)


class DateInputField(forms.MultiValueField):
    """A whole date typed into day, month and year boxes; cleans to ``datetime.date``.

    ``subject`` names the date in error messages ("Date of birth"); override
    any message with ``error_messages`` as for any Django field, using
    ``{subject}`` and (for ``incomplete``) ``{missing}`` placeholders.
    """

    widget = DateInputWidget
    default_error_messages = {
        "required": "Enter {subject_lower}",
        "incomplete": "{subject} must include a {missing}",
        "invalid": "{subject} must be a real date",
        "year_digits": "Year must include 4 numbers",
        "ascii_digits": "{subject} must be written with the numbers 0 to 9",
    }

    def __init__(self, *, subject="Date", autocomplete=None, **kwargs):
        self.subject = subject
        kwargs.setdefault("widget", DateInputWidget(autocomplete=autocomplete))
        fields = tuple(forms.CharField(required=False) for _ in PARTS)
        super().__init__(fields, require_all_fields=False, **kwargs)
        # Sub-boxes are never individually "required": the whole date is.
        for field in self.fields:
            field.required = False

    def _message(self, code, **extra):
        subject_lower = self.subject[:1].lower() + self.subject[1:]
        if code == "required" and self.subject == "Date":
            subject_lower = "a date"
        return self.error_messages[code].format(
            subject=self.subject, subject_lower=subject_lower, **extra
        )

    def _error(self, code, parts, **extra):
        # params["parts"] tells the template pack which boxes to mark as wrong.
        # Django %-formats a message that has params, so a literal % is doubled.
        message = self._message(code, **extra).replace("%", "%%")
        return ValidationError(message, code=code, params={"parts": parts})

    def clean(self, value):
        if isinstance(value, datetime.date):  # a disabled field's initial value
            return value
        if not isinstance(value, (list, tuple)):
            value = self.widget.decompress(value)
        day, month, year = (str(v).strip() if v is not None else "" for v in list(value)[:3])
        if not (day or month or year):
            if self.required:
                raise self._error("required", PARTS)
            return None
        given = {"day": day, "month": month, "year": year}
        missing = [part for part in PARTS if not given[part]]
        if missing:
            raise self._error("incomplete", tuple(missing), missing=" and ".join(missing))
        result = self.compress([day, month, year])
        self.validate(result)
        self.run_validators(result)
        return result

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(v).strip() for v in data_list)
        other_digits = tuple(
            part
            for part, text in zip(PARTS, (day, month, year), strict=True)
            if _other_digits(text)
        )
        if other_digits:
            raise self._error("ascii_digits", other_digits)
        wrong = []
        if not _is_number(day) or not 1 <= int(day) <= 31:
            wrong.append("day")
        month_number = int(month) if _is_number(month) else MONTH_NAMES.get(month.lower())
        if not month_number or not 1 <= month_number <= 12:
            wrong.append("month")
        if not _is_number(year):
            wrong.append("year")
        if wrong:
            raise self._error("invalid", tuple(wrong))
        if len(year) != 4:
            raise self._error("year_digits", ("year",))
        try:
            return datetime.date(int(year), month_number, int(day))
        except ValueError:
            # Each box is plausible but together they are not (31 February).
            raise self._error("invalid", ("day", "month", "year")) from None

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        if isinstance(initial, str) and initial:
            try:
                initial = datetime.date.fromisoformat(initial)
            except ValueError:
                return True
        if not isinstance(data, (list, tuple)):
            data = self.widget.decompress(data)
        if not any(str(v).strip() for v in data if v is not None):
            return initial not in (None, "")
        try:
            cleaned = self.clean(data)
        except ValidationError:
            return True
        return cleaned != initial


def _is_number(text):
    """Whole numbers written with 0 to 9 only."""
    return ASCII_NUMBER.fullmatch(text) is not None


def _other_digits(text):
    """Numbers in another script or style: "²", "٣", "１２"."""
    return any(ch.isnumeric() and not "0" <= ch <= "9" for ch in text)
