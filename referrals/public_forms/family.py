"""The parent or carer, the children, and what the family would like help with."""

from django import forms
from django.core.exceptions import ValidationError

from vig_service.forms import DateInputField

from ..models import ContactMethod, Relationship
from ..validation import format_nhs_number, normalise_nhs_number
from .base import (
    ADDRESS_MAX,
    LONG_TEXT_MAX,
    MAX_OTHER_CHILDREN,
    MEDIUM_TEXT_MAX,
    NAME_MAX,
    OLDEST_OTHER_CHILD_YEARS,
    StepForm,
    add_months,
    choice_field,
    email_field,
    phone_field,
    require_filled,
    text_field,
    without_maxlength_attribute,
    yes_no,
    yes_no_field,
)

# --- The parent or carer -----------------------------------------------------------------


class NameForm(StepForm):
    def setup(self):
        self.heading = self.you("What is your name?", "What is the parent or carer's name?")
        self.fields["first_name"] = text_field(
            "First name",
            subject="First name",
            max_length=NAME_MAX,
            required_message=self.you(
                "Enter your first name", "Enter the parent or carer's first name"
            ),
            autocomplete=self.you("given-name", None),
        )
        self.fields["last_name"] = text_field(
            "Last name",
            subject="Last name",
            max_length=NAME_MAX,
            required_message=self.you(
                "Enter your last name", "Enter the parent or carer's last name"
            ),
            autocomplete=self.you("family-name", None),
        )
        self.fields["pronouns"] = text_field(
            self.you("Your pronouns", "Their pronouns"),
            subject="Pronouns",
            max_length=50,
            hint="For example, she/her, he/him or they/them",
            width=10,
        )

    def summary(self, cleaned):
        rows = [("Name", f"{cleaned['first_name']} {cleaned['last_name']}")]
        if cleaned["pronouns"]:
            rows.append(("Pronouns", cleaned["pronouns"]))
        return rows


class RelationshipForm(StepForm):
    page_heading_field = "relationship"

    def setup(self):
        self.fields["relationship"] = choice_field(
            self.you(
                "What is your relationship to the child?",
                "What is the parent or carer's relationship to the child?",
            ),
            Relationship.choices,
            required_message=self.you(
                "Select your relationship to the child",
                "Select the parent or carer's relationship to the child",
            ),
        )

    def summary(self, cleaned):
        return [("Relationship to the child", Relationship(cleaned["relationship"]).label)]


class RelationshipOtherForm(StepForm):
    page_heading_field = "relationship_other"

    def setup(self):
        self.fields["relationship_other"] = text_field(
            self.you(
                "How would you describe your relationship to the child?",
                "How would you describe their relationship to the child?",
            ),
            subject="Relationship to the child",
            max_length=NAME_MAX,
            hint="For example, step-parent, aunt, uncle or special guardian",
            required_message=self.you(
                "Enter your relationship to the child", "Enter their relationship to the child"
            ),
        )

    def summary(self, cleaned):
        return [("Relationship, in your words", cleaned["relationship_other"])]


class ContactForm(StepForm):
    def setup(self):
        self.heading = self.you("How can we contact you?", "How can we contact the family?")
        self.intro = (
            self.you(
                "Give us at least one way to contact you.",
                "Give at least one way to contact the parent or carer.",
            ),
        )
        self.fields["phone"] = phone_field(
            "Phone number",
            hint="A UK mobile or landline number",
            autocomplete=self.you("tel", "off"),
            required_message=self.you(
                "Enter a phone number or an email address",
                "Enter a phone number or an email address for the family",
            ),
        )
        self.fields["email"] = email_field(
            "Email address",
            hint=self.you("We will send a confirmation to this address", ""),
            autocomplete=self.you("email", "off"),
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("phone") and not cleaned.get("email"):
            require_filled(self, "phone")
        return cleaned

    def summary(self, cleaned):
        return [
            ("Phone number", cleaned["phone"] or "Not given"),
            ("Email address", cleaned["email"] or "Not given"),
        ]


def is_mobile(phone):
    return phone.startswith("07")


class ContactPreferencesForm(StepForm):
    """Offers only the ways of contact the details given make possible."""

    def setup(self):
        self.heading = self.you("Contact preferences", "The family's contact preferences")
        phone = self.ctx.answers.get("phone") or ""
        email = self.ctx.answers.get("email") or ""
        methods = []
        if phone:
            methods.append(ContactMethod.PHONE)
            if is_mobile(phone):
                methods.append(ContactMethod.TEXT)
        if email:
            methods.append(ContactMethod.EMAIL)
        self.fields["preferred_contact"] = choice_field(
            self.you(
                "How would you like us to contact you?", "How would they like us to contact them?"
            ),
            [(method.value, method.label) for method in methods],
            required_message=self.you(
                "Select how you would like us to contact you",
                "Select how the family would like us to contact them",
            ),
        )
        self.fields["safe_to_leave_message"] = yes_no_field(
            self.you("Can we leave you a message?", "Can we leave the family a message?"),
            hint="For example, a voicemail, text or email that someone else might see or hear",
            required_message="Select yes if we can leave a message",
        )

    def summary(self, cleaned):
        return [
            ("Contact by", ContactMethod(cleaned["preferred_contact"]).label),
            ("Can leave a message", yes_no(cleaned["safe_to_leave_message"])),
        ]


class LanguageForm(StepForm):
    def setup(self):
        self.heading = self.you("Language", "The family's language")
        self.fields["language"] = text_field(
            self.you(
                "Which language do you prefer to speak?", "Which language do they prefer to speak?"
            ),
            subject="Language",
            max_length=NAME_MAX,
            hint="For example, English, Polish, Urdu or British Sign Language",
            required_message=self.you(
                "Enter the language you prefer to speak", "Enter the language they prefer to speak"
            ),
            width=20,
        )
        self.fields["interpreter_needed"] = yes_no_field(
            self.you("Do you need an interpreter?", "Do they need an interpreter?"),
            required_message=self.you(
                "Select yes if you need an interpreter", "Select yes if they need an interpreter"
            ),
        )

    def summary(self, cleaned):
        return [
            ("Language", cleaned["language"]),
            ("Interpreter needed", yes_no(cleaned["interpreter_needed"])),
        ]


class AccessNeedsForm(StepForm):
    page_heading_field = "access_needs"

    def setup(self):
        self.fields["access_needs"] = text_field(
            self.you("Do you have any access needs?", "Does the family have any access needs?"),
            subject="Access needs",
            max_length=MEDIUM_TEXT_MAX,
            textarea=True,
            hint=self.you(
                "For example, you use a wheelchair, you are Deaf, or you need information in "
                "easy read or large print. Leave this empty if you do not.",
                "For example, they use a wheelchair, are Deaf, or need information in easy read "
                "or large print. Leave this empty if they do not.",
            ),
        )

    def summary(self, cleaned):
        return [("Access needs", cleaned["access_needs"] or "None given")]


class AddressForm(StepForm):
    page_heading_field = "address"

    def setup(self):
        postcode = self.ctx.answers.get("postcode", "")
        self.fields["address"] = text_field(
            self.you("What is your address?", "What is the family's address?"),
            subject="Address",
            max_length=ADDRESS_MAX,
            textarea=True,
            rows=4,
            autocomplete=self.you("street-address", None),
            hint=self.you(
                f"We need this if you would like us to visit you at home. We already have "
                f"your postcode ({postcode}).",
                f"We need this to visit the family at home. We already have their postcode "
                f"({postcode}).",
            ),
        )

    def summary(self, cleaned):
        return [("Address", cleaned["address"] or "Not given")]


# --- Children ------------------------------------------------------------------------------


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


# --- What the family would like -------------------------------------------------------------


class HelpWantedForm(StepForm):
    page_heading_field = "help_wanted"

    def setup(self):
        self.fields["help_wanted"] = text_field(
            self.you("What would you like help with?", "What would the family like help with?"),
            subject="Your answer",
            max_length=LONG_TEXT_MAX,
            textarea=True,
            rows=8,
            hint=self.you(
                "Tell us in your own words. For example, what is going well, what you find "
                "hard, or what you would like to be different. You can enter up to 2,000 "
                "characters.",
                "Use the family's own words where you can. You can enter up to 2,000 characters.",
            ),
            required_message=self.you(
                "Enter what you would like help with", "Enter what the family would like help with"
            ),
        )

    def summary(self, cleaned):
        return [
            (
                self.you("What you would like help with", "What the family would like help with"),
                cleaned["help_wanted"],
            )
        ]
