"""The micro-analysis forms: they work with the keyboard alone and no JavaScript;
the player's script only fills their fields."""

from django import forms

from .actions import clip_times_problem, still_time_problem, why_not_mark
from .models import Principle
from .models.moments import PRINCIPLE_HINTS
from .timecode import format_time, parse_time

TIME_HELP = "For example 1:02.5, 62.5 or 1m 2.5s"


class TimeField(forms.CharField):
    """A time in the film, as typed; cleaned to whole milliseconds."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", TIME_HELP)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "class": "nhsuk-input nhsuk-input--width-5",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        )

    def prepare_value(self, value):
        return (
            format_time(value, places=3).rstrip("0").rstrip(".")
            if isinstance(value, int)
            else value
        )

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_time(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def principle_choices():
    return [(p.value, f"{p.label} ({PRINCIPLE_HINTS[p]})") for p in Principle]


def principles_field():
    return forms.MultipleChoiceField(
        label="Which principles of attuned interaction does it show?",
        help_text="Select all that apply.",
        choices=principle_choices(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one of the principles this moment shows",
            "invalid_choice": "Choose principles from the list",
        },
    )


class ClipForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    start = TimeField(label="Start", error_messages={"required": "Enter the start time"})
    end = TimeField(label="End", error_messages={"required": "Enter the end time"})
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="A few words the parent will see, for example “Waiting for his reply”.",
        error_messages={
            "required": "Enter a title for the clip",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    principles = principles_field()
    note = forms.CharField(
        label="What is happening (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The note must be 2000 characters or fewer"},
    )

    def __init__(self, *args, film, **kwargs):
        self.film = film
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if "start" in data and "end" in data:
            if problem := clip_times_problem(self.film, data["start"], data["end"]):
                self.add_error("end", problem)
        return data


class ChangeClipForm(ClipForm):
    for_group_supervision = forms.BooleanField(
        label="Can be shown in group supervision with other trainees", required=False
    )
    for_training = forms.BooleanField(
        label="Can be used in training or presentations", required=False
    )

    def clean(self):
        data = super().clean()
        problem = why_not_mark(
            self.film.programme,
            group=data.get("for_group_supervision", False),
            training=data.get("for_training", False),
        )
        if problem:
            self.add_error(None, problem)
        return data


class StillForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    at = TimeField(label="Time of the frame", error_messages={"required": "Enter the time"})
    caption = forms.CharField(
        label="Caption",
        max_length=300,
        help_text="What the still shows, in words the parent will see.",
        error_messages={
            "required": "Enter a caption for the still",
            "max_length": "The caption must be 300 characters or fewer",
        },
    )
    principles = principles_field()

    def __init__(self, *args, film, **kwargs):
        self.film = film
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if "at" in data and (problem := still_time_problem(self.film, data["at"])):
            self.add_error("at", problem)
        return data


class ChangeStillForm(StillForm):
    for_group_supervision = ChangeClipForm.base_fields["for_group_supervision"]
    for_training = ChangeClipForm.base_fields["for_training"]

    def clean(self):
        data = super().clean()
        problem = why_not_mark(
            self.film.programme,
            group=data.get("for_group_supervision", False),
            training=data.get("for_training", False),
        )
        if problem:
            self.add_error(None, problem)
        return data


class ObservationsForm(forms.Form):
    observations = forms.CharField(
        label="Observational notes on the whole film",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": "The notes must be 10,000 characters or fewer"},
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", "Earlier"), ("down", "Later")],
        error_messages={"required": "Choose whether to move it earlier or later"},
    )
