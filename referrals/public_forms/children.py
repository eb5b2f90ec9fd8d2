"""The children: the one from the eligibility questions, and their brothers and sisters."""

from django import forms
from django.core.exceptions import ValidationError

from vig_service.forms import DateInputField

from ..validation import format_nhs_number, normalise_nhs_number
from .base import (
    MAX_OTHER_CHILDREN,
    NAME_MAX,
    OLDEST_OTHER_CHILD_YEARS,
    StepForm,
    add_months,
    text_field,
    without_maxlength_attribute,
    yes_no_field,
)


def nhs_number_field(hint):
    field = forms.CharField(
        label="NHS number",
        required=False,
        max_length=20,
        help_text=hint,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "class": "nhsuk-input--width-10",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "max_length": "NHS number must be 10 digits, like 943 476 5919",
            "null_characters_not_allowed": "NHS number must be 10 digits, like 943 476 5919",
        },
    )
    return without_maxlength_attribute(field)


def clean_nhs_number(value):
    return normalise_nhs_number(value) if value else ""


NHS_NUMBER_HINT = (
    "This is a 10 digit number, like 943 476 5919. You can find it in the red book "
    "(personal child health record) or on letters about the child's health."
)


class ChildForm(StepForm):
    """The child from the eligibility questions: a name, and an NHS number once born."""

    def setup(self):
        unborn = self.ctx.answers.get("born") is False
        if unborn:
            self.heading = self.you("Your baby's details", "The baby's details")
            self.intro = ("If a name has not been chosen yet, leave it empty.",)
        else:
            self.heading = self.you("Your child's details", "The child's details")
        self.fields["child_first_name"] = text_field(
            "First name",
            subject="First name",
            max_length=NAME_MAX,
            required_message=None
            if unborn
            else self.you("Enter your child's first name", "Enter the child's first name"),
        )
        self.fields["child_last_name"] = text_field(
            "Last name", subject="Last name", max_length=NAME_MAX
        )
        if not unborn:
            self.fields["child_nhs_number"] = nhs_number_field(NHS_NUMBER_HINT)

    def clean_child_nhs_number(self):
        return clean_nhs_number(self.cleaned_data["child_nhs_number"])

    def summary(self, cleaned):
        name = f"{cleaned['child_first_name']} {cleaned['child_last_name']}".strip()
        rows = [("Child's name", name or "Not chosen yet")]
        if "child_nhs_number" in cleaned:
            rows.append(
                (
                    "Child's NHS number",
                    format_nhs_number(cleaned["child_nhs_number"]) or "Not given",
                    "child_nhs_number",
                )
            )
        return rows


class OtherChildForm(StepForm):
    """Another child in the family (a brother or sister): always born."""

    def setup(self):
        self.heading = "Another child"
        self.fields["first_name"] = text_field(
            "First name",
            subject="First name",
            max_length=NAME_MAX,
            required_message="Enter the child's first name",
        )
        self.fields["last_name"] = text_field("Last name", subject="Last name", max_length=NAME_MAX)
        self.fields["date_of_birth"] = DateInputField(
            label="Date of birth",
            subject="Date of birth",
            help_text="For example, 15 3 2021",
            error_messages={"required": "Enter the child's date of birth"},
        )
        self.fields["nhs_number"] = nhs_number_field(NHS_NUMBER_HINT)

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > self.ctx.today:
            raise ValidationError("Date of birth must be today or in the past")
        oldest = add_months(self.ctx.today, -12 * OLDEST_OTHER_CHILD_YEARS)
        if born <= oldest:
            raise ValidationError(
                f"Date of birth must be for a child under {OLDEST_OTHER_CHILD_YEARS}"
            )
        return born

    def clean_nhs_number(self):
        return clean_nhs_number(self.cleaned_data["nhs_number"])


class OtherChildrenForm(StepForm):
    """The "add another" question under the list of children added so far."""

    def setup(self):
        count = 1 + len(self.ctx.children)
        self.heading = f"You have added {count} child{'ren' if count > 1 else ''}"
        self.can_add = len(self.ctx.children) < MAX_OTHER_CHILDREN
        if self.can_add:
            self.fields["add_another"] = yes_no_field(
                self.you(
                    "Do you want to add another child?",
                    "Do you want to add another child in the family?",
                ),
                hint="For example, a brother or sister of the child",
                required_message="Select yes if you want to add another child",
            )


class AddChildQuestionForm(StepForm):
    """The "add another" question on a page about the child (professionals' page)."""

    def setup(self):
        self.fields["other_children"] = yes_no_field(
            "Do you want to add another child in the family?",
            hint="For example, a brother or sister of the child",
            required_message="Select yes if you want to add another child",
        )
