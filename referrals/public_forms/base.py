"""Field helpers with NHS-style messages, and the base of every question page."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date as format_date

from ..validation import normalise_uk_phone as _normalise_phone

YES_NO = [("yes", "Yes"), ("no", "No")]
MAX_OTHER_CHILDREN = 5  # besides the child from the eligibility questions
DUE_DATE_MONTHS_AHEAD = 10
OLDEST_OTHER_CHILD_YEARS = 18

# Longest answers we accept, by kind of answer. The model fields allow these.
NAME_MAX = 100
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 2000
MEDIUM_TEXT_MAX = 1000
ADDRESS_MAX = 500


def long_date(value):
    return format_date(value, "j F Y") if value else ""


def yes_no(value):
    return {True: "Yes", False: "No"}.get(value, "")


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover — some day of every month exists


# --- Fields with NHS-style messages ---------------------------------------------------


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _text_messages(subject, max_length, required_message):
    return {
        "required": required_message or f"Enter {_lower_first(subject)}",
        "max_length": f"{subject} must be {max_length:,} characters or less",
        "null_characters_not_allowed": (
            f"Remove any unusual characters from {_lower_first(subject)}"
        ),
    }


def text_field(
    label,
    *,
    subject,
    max_length,
    required_message=None,
    hint="",
    autocomplete=None,
    textarea=False,
    width=None,
    rows=5,
):
    """A text box or textarea. Required when ``required_message`` is given."""
    attrs = {"autocomplete": autocomplete or "off"}
    if textarea:
        attrs["rows"] = rows
        widget = forms.Textarea(attrs=attrs)
    else:
        if width:
            attrs["class"] = f"nhsuk-input--width-{width}"
        widget = forms.TextInput(attrs=attrs)
    return without_maxlength_attribute(
        forms.CharField(
            label=label,
            required=bool(required_message),
            max_length=max_length,
            help_text=hint,
            widget=widget,
            error_messages=_text_messages(subject, max_length, required_message),
        )
    )


def without_maxlength_attribute(field):
    """Check the length on the server, never with the ``maxlength`` attribute, which
    cuts a pasted answer short without telling anyone (GOV.UK and NHS guidance)."""
    field.widget.attrs.pop("maxlength", None)
    return field


def choice_field(label, choices, *, required_message=None, hint=""):
    """Radios; ``required_message`` also answers a value that is not one of the choices."""
    message = required_message or "Select one of the options"
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=bool(required_message),
        help_text=hint,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class YesNoField(forms.TypedChoiceField):
    """Yes or No as radios; cleans to True or False."""

    def as_data(self, value):
        return {True: "yes", False: "no"}.get(value, "")


def yes_no_field(label, *, required_message, hint=""):
    message = required_message
    return YesNoField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        help_text=hint,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class OneOfGroupMixin:
    """A field shown without "(optional)" that may still be left empty, because the
    form asks for at least one of a group (a phone number or an email address)."""

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


class PhoneField(OneOfGroupMixin, forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        if len(value) > self.max_length:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return _normalise_phone(value)
        except ValidationError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class EmailField(OneOfGroupMixin, forms.EmailField):
    pass


def phone_field(label, *, hint="", autocomplete="off", required_message=None):
    widget = forms.TextInput(attrs={"autocomplete": autocomplete, "class": "nhsuk-input--width-20"})
    widget.input_type = "tel"
    message = "Enter a UK phone number, like 07700 900 982 or 0161 496 0000"
    field = PhoneField(
        label=label,
        required=True,  # shown without "(optional)"; the form decides what must be given
        max_length=30,
        help_text=hint,
        widget=widget,
        error_messages={
            "invalid": message,
            "max_length": message,
            "null_characters_not_allowed": message,
        },
    )
    without_maxlength_attribute(field)
    field.required_message = required_message
    return field


def email_field(label, *, hint="", autocomplete="off", required_message=None):
    field = EmailField(
        label=label,
        required=True,  # shown without "(optional)"; the form decides what must be given
        max_length=254,
        help_text=hint,
        widget=forms.EmailInput(attrs={"autocomplete": autocomplete}),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or less",
            "null_characters_not_allowed": (
                "Enter an email address in the correct format, like name@example.com"
            ),
        },
    )
    field.required_message = required_message
    return without_maxlength_attribute(field)


def require_filled(form, *names):
    """Give each empty field in ``names`` its ``required_message`` (phone and email
    fields look required but clean empty: the form decides)."""
    for name in names:
        field = form.fields[name]
        if name in form.cleaned_data and not form.cleaned_data[name]:
            form.add_error(name, field.required_message)


# --- Base --------------------------------------------------------------------------


class StepForm(forms.Form):
    """One page of a referral journey.

    ``heading`` is the page's h1 (or, with ``page_heading_field``, that field's
    label is). ``intro`` paragraphs go under a heading that is not a field.
    """

    heading = ""
    intro: tuple = ()
    page_heading_field = None

    def __init__(self, *args, ctx, **kwargs):
        self.ctx = ctx
        super().__init__(*args, **kwargs)
        self.setup()

    def setup(self):
        """Set labels and rules that depend on who is answering and earlier answers."""

    def you(self, parent, professional):
        return professional if self.ctx.professional else parent

    @property
    def page_title(self):
        if getattr(self, "page_heading_field", None):
            return str(self.fields[self.page_heading_field].label)
        return self.heading

    def summary(self, cleaned):
        """``[(label, value)]`` for "Check your answers"."""
        return []


# --- Sending -----------------------------------------------------------------------------------


class SubmitForm(forms.Form):
    """The "Send referral" button, with a honeypot: a text box people never see.

    Automated form-fillers tend to fill every box; anything in this one means the
    submission was not made by a person in a browser, and nothing is stored.
    """

    HONEYPOT = "website"

    website = forms.CharField(required=False)

    @property
    def caught_in_honeypot(self):
        return bool(self.data.get(self.HONEYPOT, "").strip())
