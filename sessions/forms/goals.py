"""Forms for a family's goals, helping questions and Goal Based Outcomes ratings."""

from django import forms
from django.utils import timezone

from sessions.models import Goal, RatingWhen

from .fields import RatingField, date_field, long_date, rating_name, scores_from

GOAL_LIMIT = Goal._meta.get_field("text").max_length
QUESTION_LIMIT = Goal._meta.get_field("helping_question").max_length


class GoalForm(forms.Form):
    text = forms.CharField(
        label="What does the parent want to change?",
        help_text="In the parent's own words. For example, “I want to feel more confident "
        "with my baby.”",
        max_length=GOAL_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the goal, in the parent's words",
            "max_length": f"Goal must be {GOAL_LIMIT} characters or fewer",
        },
    )
    helping_question = forms.CharField(
        label="Helping question",
        help_text="The question you agreed to look for answers to in the films. For example, "
        "“What am I doing to build a closer relationship with my baby?”",
        max_length=QUESTION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the helping question",
            "max_length": f"Helping question must be {QUESTION_LIMIT} characters or fewer",
        },
    )


class ReviseGoalForm(GoalForm):
    def __init__(self, *args, goal, **kwargs):
        kwargs.setdefault("initial", {"text": goal.text, "helping_question": goal.helping_question})
        super().__init__(*args, **kwargs)
        self.goal = goal

    def clean(self):
        cleaned = super().clean()
        wording = (cleaned.get("text"), cleaned.get("helping_question"))
        if wording == (self.goal.text, self.goal.helping_question):
            self.add_error("text", "Change the goal or its helping question to revise it")
        return cleaned


class ConfirmForm(forms.Form):
    """A page whose button is the whole answer (mark a goal achieved)."""


class NewGoalForm(GoalForm):
    baseline = RatingField(
        name="the baseline",
        required=False,
        label="How close to this goal does the parent feel now? (baseline rating)",
        help_text="0 means not at all close to the goal, 10 means the goal is reached. "
        "Leave empty to rate it later.",
    )


class RatingsForm(forms.Form):
    """A rating from 0 to 10 for each goal the family is working on."""

    when = forms.ChoiceField(
        label="When is this rating?",
        choices=RatingWhen.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose when this rating is",
            "invalid_choice": "Choose when this rating is",
        },
    )
    rated_on = date_field(
        "Date of the ratings",
        label="Date the parent gave the ratings",
        help_text="For example, 15 3 2026",
    )

    def __init__(self, *args, programme, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.goals = list(goals)
        self.fields["rated_on"].initial = timezone.localdate()
        for number, goal in enumerate(self.goals, start=1):
            self.fields[rating_name(goal)] = RatingField(
                name=f"goal {number}",
                label=f"Goal {number}: {goal.text}",
                help_text=f"Helping question: {goal.helping_question} 0 means not at all "
                "close to the goal, 10 means the goal is reached.",
            )

    def clean_rated_on(self):
        day = self.cleaned_data["rated_on"]
        opened = timezone.localdate(self.programme.opened_at)
        if day > timezone.localdate():
            raise forms.ValidationError("Date of the ratings must be today or in the past")
        if day < opened:
            raise forms.ValidationError(
                f"Date of the ratings must be on or after {long_date(opened)}, "
                "when the programme started"
            )
        return day

    def scores(self):
        return scores_from(self)
