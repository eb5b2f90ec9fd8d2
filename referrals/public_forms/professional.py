"""The referring professional's own details, the family's agreement, and the referral."""

from ..codes import PROFESSIONAL_ROLES
from .base import (
    LONG_TEXT_MAX,
    MEDIUM_TEXT_MAX,
    SHORT_TEXT_MAX,
    StepForm,
    choice_field,
    email_field,
    phone_field,
    require_filled,
    text_field,
    yes_no,
    yes_no_field,
)

# --- The referring professional ---------------------------------------------------------------


class ReferrerForm(StepForm):
    heading = "About you"

    def setup(self):
        self.fields["referrer_name"] = text_field(
            "Full name",
            subject="Full name",
            max_length=SHORT_TEXT_MAX,
            required_message="Enter your full name",
            autocomplete="name",
        )
        self.fields["referrer_organisation"] = text_field(
            "Organisation",
            subject="Organisation",
            max_length=SHORT_TEXT_MAX,
            hint="For example, the NHS trust, GP surgery or council you work for",
            required_message="Enter the name of your organisation",
            autocomplete="organization",
        )

    def summary(self, cleaned):
        return [
            ("Name", cleaned["referrer_name"]),
            ("Organisation", cleaned["referrer_organisation"], "referrer_organisation"),
        ]


ROLE_LABELS = {code.value: label for code, label in PROFESSIONAL_ROLES}
OTHER_ROLE = PROFESSIONAL_ROLES[-1][0].value  # "Other professional": asks for a job title


class ReferrerRoleForm(StepForm):
    page_heading_field = "referrer_role"

    def setup(self):
        self.fields["referrer_role"] = choice_field(
            "What is your role?",
            [(code.value, label) for code, label in PROFESSIONAL_ROLES],
            required_message="Select your role",
        )

    def summary(self, cleaned):
        if cleaned["referrer_role"] == OTHER_ROLE:
            return []  # the role in their own words says it
        return [("Role", ROLE_LABELS[cleaned["referrer_role"]])]


class ReferrerRoleOtherForm(StepForm):
    page_heading_field = "referrer_role_other"

    def setup(self):
        self.fields["referrer_role_other"] = text_field(
            "What is your job title?",
            subject="Job title",
            max_length=SHORT_TEXT_MAX,
            hint="For example, family support worker or perinatal mental health nurse",
            required_message="Enter your job title",
            autocomplete="organization-title",
        )

    def summary(self, cleaned):
        return [("Role", cleaned["referrer_role_other"])]


class ReferrerContactForm(StepForm):
    heading = "Your work contact details"
    intro = ("We will send the referral's reference number to your work email address.",)

    def setup(self):
        self.fields["referrer_email"] = email_field(
            "Work email address",
            autocomplete="work email",
            required_message="Enter your work email address",
        )
        self.fields["referrer_phone"] = phone_field(
            "Work phone number",
            autocomplete="work tel",
            required_message="Enter your work phone number",
        )

    def clean(self):
        cleaned = super().clean()
        require_filled(self, "referrer_email", "referrer_phone")
        return cleaned

    def summary(self, cleaned):
        return [
            ("Work email address", cleaned["referrer_email"]),
            ("Work phone number", cleaned["referrer_phone"], "referrer_phone"),
        ]


class FamilyAgreedForm(StepForm):
    page_heading_field = "family_agreed"

    def setup(self):
        self.fields["family_agreed"] = yes_no_field(
            "Has the family agreed to this referral?",
            hint="We can only accept a referral when the parent or carer knows about it and "
            "has agreed to it.",
            required_message="Select yes if the family has agreed to this referral",
        )

    def summary(self, cleaned):
        return [("Family agreed to the referral", yes_no(cleaned["family_agreed"]))]


class RelationshipNeedForm(StepForm):
    page_heading_field = "relationship_need"

    def setup(self):
        required = self.ctx.service.requires_relationship_need
        self.fields["relationship_need"] = text_field(
            "What is the identified need in the relationship between parent and child?",
            subject="The identified need",
            max_length=LONG_TEXT_MAX,
            textarea=True,
            rows=8,
            hint="Describe what you have noticed between the parent and the baby or child, and "
            "why you think Video Interaction Guidance could help. You can enter up to 2,000 "
            "characters.",
            required_message="Describe the need in the relationship between parent and child"
            if required
            else None,
        )

    def summary(self, cleaned):
        return [
            ("Identified need in the relationship", cleaned["relationship_need"] or "None given")
        ]


class OtherProfessionalsForm(StepForm):
    page_heading_field = "other_professionals"

    def setup(self):
        self.fields["other_professionals"] = text_field(
            "Which other professionals are involved with the family?",
            subject="Other professionals",
            max_length=MEDIUM_TEXT_MAX,
            textarea=True,
            hint="Give their names, roles and organisations if you know them. Leave this empty "
            "if there are none.",
        )

    def summary(self, cleaned):
        return [("Other professionals involved", cleaned["other_professionals"] or "None")]


class SafeguardingForm(StepForm):
    page_heading_field = "safeguarding"

    def setup(self):
        self.fields["safeguarding"] = yes_no_field(
            "Are there any safeguarding concerns about this family?",
            required_message="Select yes if there are any safeguarding concerns",
        )

    def summary(self, cleaned):
        return [] if cleaned["safeguarding"] else [("Safeguarding concerns", "None")]


class SafeguardingDetailsForm(StepForm):
    page_heading_field = "safeguarding_concerns"

    def setup(self):
        self.fields["safeguarding_concerns"] = text_field(
            "What are the safeguarding concerns?",
            subject="Safeguarding concerns",
            max_length=LONG_TEXT_MAX,
            textarea=True,
            rows=8,
            hint="Include any plans in place and who the lead professional is. You can enter "
            "up to 2,000 characters.",
            required_message="Describe the safeguarding concerns",
        )

    def summary(self, cleaned):
        return [("Safeguarding concerns", cleaned["safeguarding_concerns"])]
