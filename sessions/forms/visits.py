"""Forms for booking, changing, cancelling and recording visits, reviews and summaries."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from sessions.actions import why_not_meet_by
from sessions.models import Attendance, DeliveryMethod, Mechanism, Place, VisitKind, VisitState

from .fields import (
    RatingField,
    TimeOfDayField,
    date_field,
    local_datetime,
    long_date,
    rating_name,
    scores_from,
)

NOTES_LIMIT = 2000
# Visits are booked up to a year ahead; further than that is a typing mistake.
FURTHEST_AHEAD = datetime.timedelta(days=366)


def notes_field(label="Notes", **kwargs):
    return forms.CharField(
        label=label,
        required=False,
        max_length=NOTES_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"{label} must be 2,000 characters or fewer"},
        **kwargs,
    )


def text_field(label, required_message, *, required=True, max_length=NOTES_LIMIT, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
        **kwargs,
    )


class VisitTimeForm(forms.Form):
    """When and where a visit happens: shared by booking and changing a visit."""

    visit_date = date_field("Date of the visit", label="Date", help_text="For example, 15 3 2026")
    start_time = TimeOfDayField(subject="Start time", label="Start time")
    duration_minutes = forms.IntegerField(
        label="Length, in minutes",
        help_text="Usually 60 to 90 minutes",
        min_value=15,
        max_value=240,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter how long the visit will last, in minutes",
            "invalid": "Length must be a whole number of minutes, like 60",
            "min_value": "A visit must last at least 15 minutes",
            "max_value": "A visit must last 240 minutes (4 hours) or less",
        },
    )
    place = forms.ChoiceField(
        label="Where did the family choose to meet?",
        choices=Place.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose where the visit will be",
            "invalid_choice": "Choose where the visit will be",
        },
    )
    place_detail = forms.CharField(
        label="Address or room",
        help_text=(
            "Needed for another address. For a family hub or clinic, add its name and the room."
        ),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Address or room must be 300 characters or fewer"},
    )
    mechanism = forms.ChoiceField(
        label="How will you meet?",
        choices=[
            (Mechanism.FACE_TO_FACE, "Face to face"),
            (Mechanism.VIDEO, "Video call"),
            (Mechanism.TELEPHONE, "Telephone"),
        ],
        initial=Mechanism.FACE_TO_FACE,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how you will meet",
            "invalid_choice": "Choose how you will meet",
        },
    )
    state = forms.ChoiceField(
        label="Has the family agreed this time?",
        choices=[
            (VisitState.BOOKED, "Yes, book it"),
            (VisitState.PROPOSED, "Not yet, propose it to the family"),
        ],
        initial=VisitState.BOOKED,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the family has agreed this time",
            "invalid_choice": "Choose whether the family has agreed this time",
        },
    )

    def __init__(self, *args, programme, kind=None, **kwargs):
        self.programme = programme
        self.kind = kind
        super().__init__(*args, **kwargs)

    def visit_kind(self):
        return self.kind

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("visit_date"), cleaned.get("start_time")
        if day is not None:
            earliest = timezone.localdate(self.programme.referral.received_at)
            latest = timezone.localdate() + FURTHEST_AHEAD
            if day < earliest:
                self.add_error(
                    "visit_date",
                    f"Date of the visit must be on or after {long_date(earliest)}, "
                    "when the family was referred",
                )
            elif day > latest:
                self.add_error(
                    "visit_date", f"Date of the visit must be before {long_date(latest)}"
                )
            elif time is not None:
                try:
                    cleaned["starts_at"] = local_datetime(day, time)
                except ValidationError as error:
                    self.add_error("start_time", error)
        if cleaned.get("place") == Place.OTHER and not cleaned.get("place_detail", "").strip():
            self.add_error("place_detail", "Enter the address where the visit will be")
        # The rule is the booking's own (sessions.actions.visits); said here, next
        # to the question it is about.
        if refusal := why_not_meet_by(self.visit_kind(), cleaned.get("mechanism")):
            self.add_error("mechanism", str(refusal))
        return cleaned


class BookVisitForm(VisitTimeForm):
    kind = forms.ChoiceField(
        label="What kind of visit is it?",
        choices=VisitKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what kind of visit it is",
            "invalid_choice": "Choose what kind of visit it is",
        },
    )
    notes = notes_field()

    field_order = [
        "kind",
        "visit_date",
        "start_time",
        "duration_minutes",
        "place",
        "place_detail",
        "mechanism",
        "state",
        "notes",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration_minutes"].initial = 60

    def visit_kind(self):
        return self.cleaned_data.get("kind")


class ChangeVisitForm(VisitTimeForm):
    """Move a visit, change where or how it happens, or confirm a proposed one."""

    @classmethod
    def initial_for(cls, visit):
        local = timezone.localtime(visit.starts_at)
        return {
            "visit_date": local.date(),
            "start_time": local.time(),
            "duration_minutes": visit.duration_minutes,
            "place": visit.place,
            "place_detail": visit.place_detail,
            "mechanism": visit.mechanism,
            "state": visit.state,
        }


class CancelVisitForm(forms.Form):
    cancelled_by = forms.ChoiceField(
        label="Who cancelled the visit?",
        choices=[("family", "The family"), ("service", "The service")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who cancelled the visit",
            "invalid_choice": "Choose who cancelled the visit",
        },
    )
    reason = text_field(
        "Why was it cancelled?",
        "Enter why the visit was cancelled",
        help_text="Colleagues see this in the visit's notes.",
    )


OUTCOME_CHOICES = [
    (Attendance.ATTENDED, "Attended"),
    (Attendance.LATE_SEEN, "Arrived late but was seen"),
    (Attendance.LATE_NOT_SEEN, "Arrived late and could not be seen"),
    (Attendance.DID_NOT_ATTEND, "Did not attend (was not brought)"),
]


class OutcomeForm(forms.Form):
    attendance = forms.ChoiceField(
        label="What happened?",
        help_text=(
            "When a child is not brought to a visit, follow your was-not-brought procedure: "
            "each missed visit is risk-assessed."
        ),
        choices=OUTCOME_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what happened at the visit",
            "invalid_choice": "Choose what happened at the visit",
        },
    )
    notes = notes_field("Notes about the visit")


class SharedReviewForm(forms.Form):
    """What happened in the shared review, and the parent's helping-question ratings."""

    NO_FILM = "none"

    parent_noticed = text_field(
        "What did the parent notice?",
        "Enter what the parent noticed",
        help_text="In the parent's words, as far as you can.",
    )
    strengths = text_field("What strengths did you name together?", "Enter the strengths named")
    new_ideas = text_field(
        "What new ideas did you come up with together?",
        "",
        required=False,
    )

    def __init__(self, *args, goals, filming_visits, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        self.filming_visits = {str(v.public_id): v for v in filming_visits}
        if self.filming_visits:
            self.fields["filming_visit"] = forms.ChoiceField(
                label="Which clips did you watch?",
                help_text="The filming visit the clips came from.",
                choices=[
                    (key, f"Filming visit on {long_date(timezone.localdate(v.starts_at))}")
                    for key, v in self.filming_visits.items()
                ]
                + [(self.NO_FILM, "We did not watch clips at this visit")],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose which filming visit's clips you watched",
                    "invalid_choice": "Choose which filming visit's clips you watched",
                },
            )
        for number, goal in enumerate(self.goals, start=1):
            self.fields[rating_name(goal)] = RatingField(
                name=f"goal {number}",
                required=False,
                label=f"Goal {number}: {goal.text}",
                help_text=(
                    f"Helping question: {goal.helping_question} "
                    "0 means not at all close to the goal, 10 means the goal is reached. "
                    "Leave empty if the parent did not rate it."
                ),
            )

    def chosen_filming_visit(self):
        return self.filming_visits.get(self.cleaned_data.get("filming_visit"))

    def scores(self):
        return scores_from(self)


class SummaryForm(forms.Form):
    strengths = text_field("What is going well", "Enter what is going well")
    points_to_work_on = text_field("Points to work on", "Enter the points to work on")
    next_steps = text_field("What you agreed to do next", "Enter what you agreed to do next")


class RadioSelectWithDisabled(forms.RadioSelect):
    """Radios where some options can't be chosen (shown, so the reason can be given)."""

    disabled_values = frozenset()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


class SendSummaryForm(forms.Form):
    method = forms.ChoiceField(
        label="How do you want to send the summary?",
        widget=RadioSelectWithDisabled,
        error_messages={
            "required": "Choose how to send the summary",
            "invalid_choice": "Choose how to send the summary",
        },
    )

    def __init__(self, *args, email, caregiver_name, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["method"]
        letter = (DeliveryMethod.LETTER, "Printed letter, given or posted to the family")
        if email:
            field.choices = [(DeliveryMethod.EMAIL, f"Email to {email}"), letter]
        else:
            field.choices = [(DeliveryMethod.EMAIL, "Email"), letter]
            field.widget.disabled_values = {DeliveryMethod.EMAIL}
            field.help_text = (
                f"There is no email address for {caregiver_name}, so the summary can only be "
                "given as a printed letter."
            )
