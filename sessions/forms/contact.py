"""Staff change how a caregiver may be contacted: the referral's questions, checked
the same way (a text needs a mobile, a letter an address)."""

from django import forms
from django.core.exceptions import ValidationError

from referrals.models import ContactMethod
from referrals.public_forms.caregiver import is_mobile
from referrals.validation import normalise_uk_phone

YES_NO = [("yes", "Yes"), ("no", "No")]
NEEDS = {
    ContactMethod.PHONE: ("phone", "Enter a phone number to contact them by phone call"),
    ContactMethod.TEXT: ("phone", "Enter a mobile phone number to contact them by text message"),
    ContactMethod.EMAIL: ("email", "Enter an email address to contact them by email"),
    ContactMethod.LETTER: ("address", "Enter their address to contact them by letter"),
}


def _yes_no(label, message):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class ContactPreferencesForm(forms.Form):
    preferred_contact = forms.ChoiceField(
        label="How would they like us to contact them?",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how they would like us to contact them",
            "invalid_choice": "Select how they would like us to contact them",
        },
    )
    safe_to_leave_message = _yes_no(
        "Can we leave them a message?", "Select yes if we can leave a message"
    )
    phone = forms.CharField(
        label="Phone number", required=False, max_length=30, help_text="A UK mobile or landline"
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    address = forms.CharField(
        label="Address",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Without the postcode, which stays as the referral gave it",
    )
    language = forms.CharField(
        label="Which language do they prefer?",
        required=False,
        max_length=100,
        help_text="For example, English, Polish, Urdu or British Sign Language",
    )
    interpreter_needed = _yes_no(
        "Do they need an interpreter?", "Select yes if they need an interpreter"
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not phone:
            return ""
        try:
            return normalise_uk_phone(phone)
        except ValidationError as error:
            raise ValidationError(error.messages[0]) from error

    def clean_address(self):
        return self.cleaned_data["address"].strip()

    def clean_language(self):
        return " ".join(self.cleaned_data["language"].split())

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("preferred_contact")
        if method in NEEDS:
            field, message = NEEDS[method]
            if field not in self.errors and not cleaned.get(field):
                self.add_error(field, message)
            elif method == ContactMethod.TEXT and cleaned.get("phone"):
                if not is_mobile(cleaned["phone"]):
                    self.add_error("phone", NEEDS[method][1])
        return cleaned

    @classmethod
    def initial_for(cls, caregiver):
        yes_no = {True: "yes", False: "no"}
        return {
            "preferred_contact": caregiver.preferred_contact,
            "safe_to_leave_message": yes_no.get(caregiver.safe_to_leave_message),
            "phone": caregiver.phone,
            "email": caregiver.email,
            "address": caregiver.address,
            "language": caregiver.language,
            "interpreter_needed": yes_no.get(caregiver.interpreter_needed),
        }
