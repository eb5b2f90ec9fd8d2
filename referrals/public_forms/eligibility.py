"""Choosing the service, then the questions that decide eligibility."""

from django import forms
from django.core.exceptions import ValidationError

from vig_service.forms import DateInputField

from ..eligibility import example_postcode
from ..validation import normalise_postcode
from .base import (
    DUE_DATE_MONTHS_AHEAD,
    StepForm,
    add_months,
    choice_field,
    long_date,
    without_maxlength_attribute,
    yes_no_field,
)

# --- Choosing the service ------------------------------------------------------------


class ServiceChoiceForm(forms.Form):
    page_heading_field = "service"

    def __init__(self, *args, services, professional=False, **kwargs):
        super().__init__(*args, **kwargs)
        label = (
            "Which service do you want to refer the family to?"
            if professional
            else "Which service do you want to refer yourself to?"
        )
        self.fields["service"] = choice_field(
            label,
            [(service.slug, service.name) for service in services],
            required_message="Select the service you want to refer to",
        )


# --- Eligibility ----------------------------------------------------------------------


class PostcodeForm(StepForm):
    page_heading_field = "postcode"

    def setup(self):
        required = self.you("Enter your postcode", "Enter the family's postcode")
        self.fields["postcode"] = forms.CharField(
            label=self.you("What is your postcode?", "What is the family's postcode?"),
            max_length=16,
            help_text=f"For example, {example_postcode(self.ctx.service)}",
            widget=forms.TextInput(
                attrs={
                    "autocomplete": self.you("postal-code", "off"),
                    "class": "nhsuk-input--width-10",
                    "spellcheck": "false",
                }
            ),
            error_messages={
                "required": required,
                "max_length": "Enter a real postcode, like SK1 3XE",
                "null_characters_not_allowed": "Enter a real postcode, like SK1 3XE",
            },
        )
        without_maxlength_attribute(self.fields["postcode"])

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def summary(self, cleaned):
        return [("Postcode", cleaned["postcode"])]


class BornForm(StepForm):
    page_heading_field = "born"

    def setup(self):
        self.fields["born"] = yes_no_field(
            self.you("Has your child been born?", "Has the child been born?"),
            required_message=self.you(
                "Select yes if your child has been born", "Select yes if the child has been born"
            ),
        )
        self.fields["born"].choices = [
            ("yes", "Yes"),
            ("no", self.you("No, I am expecting a baby", "No, the family is expecting a baby")),
        ]

    def summary(self, cleaned):
        return [("Child born", "Yes" if cleaned["born"] else "No, expecting a baby")]


class DateOfBirthForm(StepForm):
    page_heading_field = "date_of_birth"

    def setup(self):
        required = self.you("Enter your child's date of birth", "Enter the child's date of birth")
        self.fields["date_of_birth"] = DateInputField(
            label=self.you(
                "What is your child's date of birth?", "What is the child's date of birth?"
            ),
            subject="Date of birth",
            help_text="For example, 15 3 2024",
            error_messages={"required": required},
        )

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > self.ctx.today:
            raise ValidationError("Date of birth must be today or in the past")
        return born

    def summary(self, cleaned):
        return [("Child's date of birth", long_date(cleaned["date_of_birth"]))]


class DueDateForm(StepForm):
    page_heading_field = "due_date"

    def setup(self):
        required = self.you("Enter your baby's due date", "Enter the baby's due date")
        self.fields["due_date"] = DateInputField(
            label=self.you("When is your baby due?", "When is the baby due?"),
            subject="Due date",
            help_text="For example, {0.day} {0.month} {0.year}".format(
                add_months(self.ctx.today, 4)
            ),
            error_messages={"required": required},
        )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < self.ctx.today:
            raise ValidationError(
                self.you(
                    "Due date must be today or in the future. If your baby has been born, "
                    "go back and choose yes",
                    "Due date must be today or in the future. If the baby has been born, "
                    "go back and choose yes",
                )
            )
        if due > add_months(self.ctx.today, DUE_DATE_MONTHS_AHEAD):
            raise ValidationError(
                f"Due date must be within the next {DUE_DATE_MONTHS_AHEAD} months"
            )
        return due

    def summary(self, cleaned):
        return [("Baby's due date", long_date(cleaned["due_date"]))]
