"""Optional equality monitoring: asked of parents about themselves, never of professionals."""

from ..codes import EthnicCategory
from ..models import Gender, SexualOrientation
from .base import (
    StepForm,
    choice_field,
    yes_no_field,
)

# --- Equality monitoring (parents only) -------------------------------------------------------


class EqualityForm(StepForm):
    heading = "Equality questions"
    intro = (
        "We would like to ask you 3 questions about yourself: your ethnic group, your gender "
        "and your sexual orientation.",
        "Your answers help us check that the service is fair and reaches everyone who could "
        "use it, including dads and LGBTQ+ parents. They do not change whether or how we "
        "help you.",
        "The questions are optional, and each one has a 'Prefer not to say' answer.",
    )

    def setup(self):
        self.fields["equality"] = yes_no_field(
            "Do you want to answer these questions?",
            required_message="Select yes if you want to answer the equality questions",
        )
        self.fields["equality"].choices = [("yes", "Yes"), ("no", "No, skip these questions")]

    def summary(self, cleaned):
        return [] if cleaned["equality"] else [("Equality questions", "Skipped")]


ETHNIC_GROUPS = {
    "white": ("White", ["A", "B", "C"]),
    "mixed": ("Mixed or multiple ethnic groups", ["D", "E", "F", "G"]),
    "asian": ("Asian or Asian British", ["H", "J", "K", "L"]),
    "black": ("Black, Black British, Caribbean or African", ["M", "N", "P"]),
    "other": ("Another ethnic group", ["R", "S"]),
    "not_stated": ("Prefer not to say", []),
}


class EthnicGroupForm(StepForm):
    page_heading_field = "ethnic_group"

    def setup(self):
        self.fields["ethnic_group"] = choice_field(
            "What is your ethnic group?",
            [(key, label) for key, (label, _codes) in ETHNIC_GROUPS.items()],
        )

    def summary(self, cleaned):
        group = cleaned["ethnic_group"]
        if not group:
            return [("Ethnic group", "Not answered")]
        if group == "not_stated":
            return [("Ethnic group", "Prefer not to say")]
        return []  # the background says it


class EthnicBackgroundForm(StepForm):
    page_heading_field = "ethnicity"

    def setup(self):
        label, codes = ETHNIC_GROUPS[self.ctx.answers["ethnic_group"]]
        self.fields["ethnicity"] = choice_field(
            f"Which of these best describes your {label} background?"
            if self.ctx.answers["ethnic_group"] != "other"
            else "Which of these best describes your background?",
            [(code, EthnicCategory(code).label) for code in codes]
            + [(EthnicCategory.NOT_STATED.value, "Prefer not to say")],
        )

    def summary(self, cleaned):
        code = cleaned["ethnicity"]
        return [("Ethnic group", EthnicCategory(code).label if code else "Not answered")]


class GenderForm(StepForm):
    page_heading_field = "gender"

    def setup(self):
        self.fields["gender"] = choice_field("What is your gender?", Gender.choices)

    def summary(self, cleaned):
        return [
            ("Gender", Gender(cleaned["gender"]).label if cleaned["gender"] else "Not answered")
        ]


class SexualOrientationForm(StepForm):
    page_heading_field = "sexual_orientation"

    def setup(self):
        self.fields["sexual_orientation"] = choice_field(
            "Which of these best describes your sexual orientation?", SexualOrientation.choices
        )

    def summary(self, cleaned):
        value = cleaned["sexual_orientation"]
        return [("Sexual orientation", SexualOrientation(value).label if value else "Not answered")]
