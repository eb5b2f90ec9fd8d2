"""Forms for the programme's state, its length, the ending (and the summaries it
needs written or skipped) and the closing letter."""

from django import forms
from django.utils import timezone

from sessions.actions.programme import OUTSIDE_PLANNED_RANGE
from sessions.models import MAX_PLANNED_VISITS, DeliveryMethod, EndReason, ProgrammeState

from .fields import RatingField, date_field, long_date, rating_name, scores_from
from .visits import text_field

# What each move means to the person choosing it.
STATE_MOVE_LABELS = {
    (ProgrammeState.PRE_VIG, ProgrammeState.ACTIVE): "Start the VIG cycles",
    (ProgrammeState.PRE_VIG, ProgrammeState.PAUSED): "Pause the programme",
    (ProgrammeState.ACTIVE, ProgrammeState.PAUSED): "Pause the programme",
    (ProgrammeState.PAUSED, ProgrammeState.ACTIVE): "Resume the VIG cycles",
    (ProgrammeState.PAUSED, ProgrammeState.PRE_VIG): "Resume pre-VIG sessions",
}


class NoteField(forms.CharField):
    """Needed when pausing only: ``StateForm.clean`` says when. Not marked "(optional)"."""

    def __init__(self, **kwargs):
        super().__init__(required=True, **kwargs)

    def validate(self, value):
        pass


class StateForm(forms.Form):
    state = forms.ChoiceField(
        label="What do you want to do?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what you want to do",
            "invalid_choice": "Choose what you want to do",
        },
    )
    note = NoteField(
        label="Note",
        help_text="If you are pausing the programme, say why. "
        "Colleagues see this in the programme's history.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Note must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, moves, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            (state, STATE_MOVE_LABELS[(current, state)])
            for state in ProgrammeState.values
            if state in moves
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == ProgrammeState.PAUSED and not cleaned.get("note", "").strip():
            self.add_error("note", "Enter why the programme is paused")
        return cleaned


class PlannedVisitsForm(forms.Form):
    new_number = forms.IntegerField(
        label="How many visits are planned now?",
        help_text="Count every visit, including those that have happened.",
        min_value=1,
        max_value=MAX_PLANNED_VISITS,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter the number of planned visits",
            "invalid": "Planned visits must be a whole number, like 10",
            "min_value": OUTSIDE_PLANNED_RANGE,
            "max_value": OUTSIDE_PLANNED_RANGE,
        },
    )
    reason = text_field("Why is the number changing?", "Enter why the number of visits is changing")
    agreed_with_family = forms.BooleanField(
        label="The family agreed to this change",
        error_messages={"required": "Confirm that the family agreed to this change"},
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_new_number(self):
        number = self.cleaned_data["new_number"]
        if number == self.programme.planned_visits:
            raise forms.ValidationError(
                f"The programme already has {number} planned visits. Enter a different number"
            )
        return number


class EndProgrammeForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is the programme ending?",
        choices=EndReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose why the programme is ending",
            "invalid_choice": "Choose why the programme is ending",
        },
    )
    reason_detail = forms.CharField(
        label="More about why it is ending",
        help_text="Needed if you chose other.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "More about why must be 2,000 characters or fewer"},
    )
    ended_on = date_field(
        "End date", label="End date", help_text="The discharge date. For example, 15 3 2026"
    )
    ending_summary = text_field(
        "Ending summary",
        "Enter an ending summary",
        help_text="What changed for the family, in words they will recognise. It goes in the "
        "closing letter.",
    )

    def __init__(self, *args, programme, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.goals = list(goals)
        self.fields["ended_on"].initial = timezone.localdate()
        for number, goal in enumerate(self.goals, start=1):
            self.fields[rating_name(goal)] = RatingField(
                name=f"goal {number}",
                required=False,
                label=f"End rating for goal {number}: {goal.text}",
                help_text=f"Helping question: {goal.helping_question} 0 means not at all "
                "close to the goal, 10 means the goal is reached. Leave empty if the parent "
                "did not rate it.",
            )

    def clean_ended_on(self):
        day = self.cleaned_data["ended_on"]
        opened = timezone.localdate(self.programme.opened_at)
        if day > timezone.localdate():
            raise forms.ValidationError("End date must be today or in the past")
        if day < opened:
            raise forms.ValidationError(
                f"End date must be on or after {long_date(opened)}, when the programme started"
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("reason") == EndReason.OTHER
            and not cleaned.get("reason_detail", "").strip()
        ):
            self.add_error("reason_detail", "Enter why the programme is ending")
        return cleaned

    def scores(self):
        return scores_from(self)


class SkipSummaryForm(forms.Form):
    reason = text_field(
        "Why is there no summary?",
        "Enter why there is no summary",
        help_text="For example, the family moved away before it could be written. This is "
        "kept on the family's record.",
    )


class ClosingLetterForm(forms.Form):
    method = forms.ChoiceField(
        choices=DeliveryMethod.choices,
        error_messages={
            "required": "Choose to email the letter or record it as printed",
            "invalid_choice": "Choose to email the letter or record it as printed",
        },
    )
