"""Finding a family by name or reference."""

from django import forms

from ..search import MAX_WORDS, search_words

MAX_LENGTH = 100
HOW = "Enter a name or a reference, like Jones or VIG-7KQ3-M2XD"


class FamilySearchForm(forms.Form):
    q = forms.CharField(
        label="Name or reference",
        help_text="A parent's, carer's or child's first name or surname, or the family's "
        "reference. For example, Jones or VIG-7KQ3-M2XD.",
        max_length=MAX_LENGTH,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "required": HOW,
            "max_length": f"Search for {MAX_LENGTH} characters or fewer",
            "null_characters_not_allowed": HOW,
        },
    )

    def clean_q(self):
        words = search_words(self.cleaned_data["q"])
        if not words:
            raise forms.ValidationError(HOW)
        if len(words) > MAX_WORDS:
            raise forms.ValidationError(f"Search for {MAX_WORDS} words or fewer")
        return words
