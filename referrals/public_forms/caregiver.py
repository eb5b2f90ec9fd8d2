"""The parent or carer: name, relationship to the child, contact, language, access
needs and address."""

from django.core.exceptions import ValidationError

from ..models import ContactMethod, Relationship
from .base import (
    ADDRESS_MAX,
    MEDIUM_TEXT_MAX,
    NAME_MAX,
    StepForm,
    choice_field,
    email_field,
    phone_field,
    require_filled,
    text_field,
    yes_no,
    yes_no_field,
)


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
            rows.append(("Pronouns", cleaned["pronouns"], "pronouns"))
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
            ("Email address", cleaned["email"] or "Not given", "email"),
        ]


def is_mobile(phone):
    return phone.startswith("07")


def possible_methods(phone, email):
    """The ways of contact that the details given make possible."""
    methods = []
    if phone:
        methods.append(ContactMethod.PHONE)
        if is_mobile(phone):
            methods.append(ContactMethod.TEXT)
    if email:
        methods.append(ContactMethod.EMAIL)
    # The postcode is always known, and the address is asked for on its own.
    methods.append(ContactMethod.LETTER)
    return methods


# On a page that also asks for the phone number and email address, every way is offered
# and a way the details do not allow is explained.
NEEDS_DETAILS = {
    ContactMethod.PHONE: "Enter a phone number to be contacted by phone call",
    ContactMethod.TEXT: "Enter a mobile phone number to be contacted by text message",
    ContactMethod.EMAIL: "Enter an email address to be contacted by email",
}


class ContactPreferencesForm(StepForm):
    """Offers only the ways of contact the details given make possible (on its own page),
    or every way, checked against the details given (on the page that asks for them)."""

    offer_every_method = False

    def setup(self):
        self.heading = self.you("Contact preferences", "The family's contact preferences")
        phone = self.ctx.answers.get("phone") or ""
        email = self.ctx.answers.get("email") or ""
        methods = possible_methods(phone, email)
        if self.offer_every_method:
            methods = list(ContactMethod)
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

    def clean_preferred_contact(self):
        method = self.cleaned_data["preferred_contact"]
        answers = self.ctx.answers
        if self.offer_every_method and "phone" in answers and "email" in answers:
            if method not in possible_methods(answers["phone"], answers["email"]):
                raise ValidationError(NEEDS_DETAILS[method])
        return method

    def summary(self, cleaned):
        return [
            ("Contact by", ContactMethod(cleaned["preferred_contact"]).label),
            (
                "Can leave a message",
                yes_no(cleaned["safe_to_leave_message"]),
                "safe_to_leave_message",
            ),
        ]


class ContactPreferencesOnPage(ContactPreferencesForm):
    offer_every_method = True


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
            ("Interpreter needed", yes_no(cleaned["interpreter_needed"]), "interpreter_needed"),
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
        by_letter = self.ctx.answers.get("preferred_contact") == ContactMethod.LETTER
        self.fields["address"] = text_field(
            self.you("What is your address?", "What is the family's address?"),
            subject="Address",
            max_length=ADDRESS_MAX,
            textarea=True,
            rows=4,
            autocomplete=self.you("street-address", None),
            # Letters need the address; a visit at home needs it too, but may not happen.
            required_message=self.you(
                "Enter your address, so we can post letters to you",
                "Enter the family's address, so we can post letters to them",
            )
            if by_letter
            else None,
            hint=self.you(
                f"We need this if you would like us to visit you at home. We already have "
                f"your postcode ({postcode}).",
                f"We need this to visit the family at home. We already have their postcode "
                f"({postcode}).",
            ),
        )

    def summary(self, cleaned):
        return [("Address", cleaned["address"] or "Not given")]
