"""Supervision forms: feedback on a clip, and a supervision session."""

from django import forms

from sessions.forms.fields import date_field


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label="Your feedback on this clip",
        help_text="The trainee sees it beside the clip on their micro-analysis page.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Write your feedback",
            "max_length": "The feedback must be 5,000 characters or fewer",
        },
    )


class SessionForm(forms.Form):
    supervisee = forms.ChoiceField(
        label="Trainee", error_messages={"required": "Choose the trainee"}
    )
    held_on = date_field("Date of the session", label="Date of the session")
    duration_minutes = forms.IntegerField(
        label="How long it took, in minutes",
        min_value=5,
        max_value=480,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input nhsuk-input--width-4"}),
        error_messages={
            "required": "Enter how long the session took, in minutes",
            "invalid": "Enter the length in whole minutes, for example 60",
            "min_value": "A session is at least 5 minutes long",
            "max_value": "A session is at most 480 minutes (8 hours) long",
        },
    )
    clips = forms.MultipleChoiceField(
        label="Clips discussed (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose clips from the list"},
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "The notes must be 10,000 characters or fewer"},
    )

    def __init__(self, *args, trainees, clips, **kwargs):
        super().__init__(*args, **kwargs)
        self.trainees = {str(t.pk): t for t in trainees}
        self.clip_rows = {str(c.public_id): c for c in clips}
        self.fields["supervisee"].choices = [("", "Choose a trainee")] + [
            (key, t.full_name) for key, t in self.trainees.items()
        ]
        self.fields["clips"].choices = [
            (key, f"{c.title} ({c.programme.guider.full_name}, {c.programme.reference})")
            for key, c in self.clip_rows.items()
        ]

    def chosen(self):
        data = self.cleaned_data
        return self.trainees[data["supervisee"]], [self.clip_rows[k] for k in data["clips"]]
