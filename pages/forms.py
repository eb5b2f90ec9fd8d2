"""The feedback form: a rating, an optional suggestion, and (when the site has
more than one) which service it is about. Nothing that identifies anyone."""

import re

from django import forms
from django.core.exceptions import ValidationError

from .models import IMPROVE_MAX, Satisfaction

# Not text a person types: control characters other than tab and line breaks,
# and the "not a character" code points. NUL is refused by Django already.
JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
UNUSUAL = "Remove any unusual characters from your answer"


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class FeedbackForm(forms.Form):
    """``services``: a queryset of every service; the question "Which service?"
    is only asked when there is more than one."""

    HONEYPOT = "website"

    service = ServiceChoiceField(
        label="Which service did you use?",
        queryset=None,
        to_field_name="slug",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the service you used",
            "invalid_choice": "Select the service you used",
        },
    )
    satisfaction = forms.TypedChoiceField(
        label="Overall, how satisfied were you with the service?",
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how satisfied you were with the service",
            "invalid_choice": "Select how satisfied you were with the service",
        },
    )
    improve = forms.CharField(
        label="How could we improve the service?",
        required=False,
        max_length=IMPROVE_MAX,
        help_text=(
            "Do not include personal information, like your name, your child's name, "
            "your address or anything about your health. We cannot reply to what you "
            f"write here. You can enter up to {IMPROVE_MAX:,} characters."
        ),
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
        error_messages={
            "max_length": f"Your answer must be {IMPROVE_MAX:,} characters or less",
            "null_characters_not_allowed": UNUSUAL,
        },
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.only_service = services.first() if services.count() == 1 else None
        if self.only_service:
            del self.fields["service"]
        else:
            self.fields["service"].queryset = services
        # Check the length on the server only: the maxlength attribute cuts a
        # pasted answer short without saying so.
        self.fields["improve"].widget.attrs.pop("maxlength", None)

    @property
    def caught_in_honeypot(self):
        """Anything in the box people never see: not a person in a browser."""
        return bool(str(self.data.get(self.HONEYPOT, "")).strip())

    def clean_improve(self):
        value = self.cleaned_data["improve"]
        if JUNK.search(value):
            raise ValidationError(UNUSUAL, code="junk")
        return value

    def clean(self):
        cleaned = super().clean()
        if self.only_service:
            cleaned["service"] = self.only_service
        return cleaned
