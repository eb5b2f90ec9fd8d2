"""The films pages' forms: a plain file upload and removing a film with a reason."""

from django import forms

from . import wording


class UploadForm(forms.Form):
    # Chosen when the page is drawn: the same upload sent twice makes one film.
    key = forms.UUIDField(widget=forms.HiddenInput)
    film = forms.FileField(
        label="Choose the film",
        help_text="A video from a phone, tablet or camera, up to {size} and {length}.",
        error_messages={
            "required": wording.NO_FILE,
            "empty": wording.EMPTY_FILE,
            "invalid": wording.NO_FILE,
            "missing": wording.NO_FILE,
        },
        widget=forms.FileInput(attrs={"accept": "video/*"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["film"].help_text = self.fields["film"].help_text.format(
            size=wording.max_size(), length=wording.max_length()
        )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label="Why are you removing this film?",
        help_text="For example, it was uploaded to the wrong family or the wrong visit.",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why you are removing this film",
            "max_length": "The reason must be 500 characters or fewer",
        },
    )
