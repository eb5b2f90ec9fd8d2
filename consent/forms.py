"""Recording and withdrawing consent: the questions, and the messages a person can act on.

The rules themselves (every scope answered, a typed name for on-screen
signing, a witness for verbal consent, no future withdrawals) live in
``consent.actions``; these forms ask for the answers and say, next to the
right question, what is missing.
"""

from django import forms
from django.utils import timezone

from vig_service.forms import DateInputField

from .models import Method, Scope

YES_NO = [("yes", "Yes"), ("no", "No")]

# The question for each scope, as the practitioner asks it.
SCOPE_QUESTIONS = {
    Scope.FILMING: "Do they agree to being filmed?",
    Scope.KEEP_FILM: "Do they agree to the film being kept for the programme?",
    Scope.SUPERVISOR: "Do they agree to clips being shown to the VIG supervisor?",
    Scope.GROUP_SUPERVISION: (
        "Do they agree to clips being shown in group supervision with other trainees?"
    ),
    Scope.TRAINING: "Do they agree to clips being used in training or presentations?",
}

ALL_SCOPES = "all"


class CaregiverChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.relationship_label.lower()})"


class VisitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        starts = timezone.localtime(obj.starts_at)
        return f"{obj.get_kind_display()}, {starts:%-d %B %Y at %H:%M}"


class ConditionalTextField(forms.CharField):
    """Needed for one answer to another question only; the form's ``clean`` says when.

    Marked as required so that the label does not say "(optional)" when, for
    one way of giving consent, it is not.
    """

    def __init__(self, **kwargs):
        super().__init__(required=True, **kwargs)

    def validate(self, value):
        pass


def _caregiver_field(referral, question):
    return CaregiverChoiceField(
        label=question,
        queryset=referral.caregivers.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the parent or carer",
            "invalid_choice": "Select a parent or carer in this family",
        },
    )


class ConsentForm(forms.Form):
    """One caregiver's yes or no to each part of the current consent form.

    The caregiver question is left out when the family has one parent or carer;
    ``caregiver`` then comes from ``cleaned_data`` all the same.
    """

    method = forms.ChoiceField(
        label="How did they give consent?",
        choices=Method.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how consent was given",
            "invalid_choice": "Select how consent was given",
        },
    )
    signed_name = ConditionalTextField(
        label="Name typed by the parent or carer, if signed on screen",
        help_text="Ask them to type their full name: this is their signature.",
        max_length=200,
        error_messages={"max_length": "Typed name must be 200 characters or fewer"},
    )
    witness_name = ConditionalTextField(
        label="Name of the witness, if consent was verbal",
        help_text="The colleague or interpreter who heard them agree.",
        max_length=200,
        error_messages={"max_length": "Witness's name must be 200 characters or fewer"},
    )
    visit = VisitChoiceField(
        label="Visit where consent was given",
        queryset=None,
        required=False,
        empty_label="Not at a visit",
        error_messages={"invalid_choice": "Select a visit with this family"},
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.caregivers = list(programme.referral.caregivers.all())
        fields = {}
        if len(self.caregivers) > 1:
            fields["caregiver"] = _caregiver_field(programme.referral, "Who is giving consent?")
        for scope in Scope:
            fields[self.scope_field(scope)] = forms.ChoiceField(
                label=SCOPE_QUESTIONS[scope],
                choices=YES_NO,
                widget=forms.RadioSelect(attrs={"class": "nhsuk-radios--inline"}),
                error_messages={
                    "required": f"Select yes or no for {scope.label.lower()}",
                    "invalid_choice": f"Select yes or no for {scope.label.lower()}",
                },
            )
        # Questions in the order of the page: who, each scope, then how.
        self.fields = {**fields, **self.fields}
        self.fields["visit"].queryset = programme.visits.not_cancelled().order_by("-starts_at")

    @staticmethod
    def scope_field(scope):
        return f"scope_{scope}"

    def scope_fields(self):
        return [self[self.scope_field(scope)] for scope in Scope]

    def clean(self):
        cleaned = super().clean()
        if len(self.caregivers) == 1:
            cleaned["caregiver"] = self.caregivers[0]
        method = cleaned.get("method")
        if method == Method.SIGNED_ON_SCREEN and not cleaned.get("signed_name", "").strip():
            self.add_error("signed_name", "Enter the name the parent or carer typed to sign")
        if method == Method.VERBAL and not cleaned.get("witness_name", "").strip():
            self.add_error("witness_name", "Enter the name of the witness to verbal consent")
        return cleaned

    def answers(self):
        """``{scope: bool}`` for ``consent.actions.record_consent``."""
        return {
            scope: self.cleaned_data[self.scope_field(scope)] == "yes" for scope in Scope.values
        }


class ScopesField(forms.MultipleChoiceField):
    """The scopes to withdraw. "all" (the page's "All of them" box) means every scope."""

    def __init__(self, **kwargs):
        super().__init__(choices=Scope.choices, **kwargs)

    def valid_value(self, value):
        return value == ALL_SCOPES or super().valid_value(value)

    def clean(self, value):
        chosen = super().clean(value)
        if ALL_SCOPES in chosen:
            return list(Scope.values)
        return [scope for scope in Scope.values if scope in chosen]


class WithdrawalForm(forms.Form):
    scopes = ScopesField(
        label="What do they want to stop?",
        help_text="Select all that apply. Everything else in their care carries on.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select what the parent or carer wants to stop",
            "invalid_choice": "Select what the parent or carer wants to stop",
        },
    )
    reason = forms.CharField(
        label="Reason they gave",
        help_text="They do not have to give one.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )
    effective_on = DateInputField(
        label="When did they ask to stop?",
        subject="Date they asked to stop",
        help_text="For example, 15 3 2026",
        error_messages={"required": "Enter the date they asked to stop"},
    )

    def __init__(self, *args, programme, **kwargs):
        kwargs.setdefault("initial", {"effective_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.caregivers = list(programme.referral.caregivers.all())
        if len(self.caregivers) > 1:
            self.fields = {
                "caregiver": _caregiver_field(programme.referral, "Who wants to withdraw consent?"),
                **self.fields,
            }

    def clean_effective_on(self):
        effective_on = self.cleaned_data["effective_on"]
        if effective_on > timezone.localdate():
            raise forms.ValidationError("Date they asked to stop must be today or in the past")
        return effective_on

    def clean(self):
        cleaned = super().clean()
        if len(self.caregivers) == 1:
            cleaned["caregiver"] = self.caregivers[0]
        return cleaned
