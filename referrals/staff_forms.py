"""Forms for the team's referral workflow, with messages a person can act on."""

from django import forms

from .actions import NOT_IN_TEAM, NOTE_NEEDED, Decision
from .codes import Priority


class DecisionNoteField(forms.CharField):
    """Needed for some decisions only: ``TriageForm.clean`` says when.

    Not marked "(optional)", because for most decisions it is not.
    """

    def __init__(self, **kwargs):
        super().__init__(required=True, **kwargs)

    def validate(self, value):
        # Skip the plain "required" check; the form checks it with the decision.
        pass


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label="What do you want to do with this referral?",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what to do with this referral",
            "invalid_choice": "Choose what to do with this referral",
        },
    )
    priority = forms.TypedChoiceField(
        label="Priority",
        choices=Priority.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a priority: routine or urgent",
            "invalid_choice": "Choose a priority: routine or urgent",
        },
    )
    note = DecisionNoteField(
        label="Reason, where to, or what you need",
        help_text=(
            "If you decline, say why. If you signpost, say where to. If you ask for more "
            "information, say what you need. If you accept, you can add a note. "
            "Colleagues see this in the referral's history."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Note must be 2,000 characters or fewer"},
    )
    # The status the person saw: if it has changed since (a second click, a
    # colleague's decision), the form does nothing rather than decide twice.
    status_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        # Which decisions need a note, and what it must say, is triage's rule.
        if decision in NOTE_NEEDED and not cleaned.get("note", "").strip():
            self.add_error("note", NOTE_NEEDED[decision])
        return cleaned


class PractitionerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        cases = "1 open case" if obj.open_cases == 1 else f"{obj.open_cases} open cases"
        return f"{obj.full_name} ({cases})"


class AllocationForm(forms.Form):
    practitioner = PractitionerChoiceField(
        label="Who should work with this family?",
        help_text="Open cases are the families each person is working with now.",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose a practitioner to work with this family",
            "invalid_choice": NOT_IN_TEAM,
        },
    )
    page_heading_field = "practitioner"

    def __init__(self, *args, practitioners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = practitioners
