"""Forms of the sign-in journey and the audit trail, with messages a person can act on."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm

from vig_service.forms import DateInputField

from .auth_actions import is_authenticator_code, normalise_code

EMAIL_FORMAT_MESSAGE = "Enter an email address in the correct format, like name@example.com"
CODE_INPUT_ATTRS = {
    "autocomplete": "one-time-code",
    "spellcheck": "false",
    "autocapitalize": "none",
    "class": "nhsuk-input--width-10",
}


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={"required": "Enter your email address", "invalid": EMAIL_FORMAT_MESSAGE},
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        # Never say which of the two was wrong: that would tell a stranger
        # which email addresses have accounts.
        "invalid_login": "Your email address or password is incorrect",
    }

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            # Through ``authenticate`` with the request, so django-axes counts
            # failures and refuses locked-out accounts.
            self.user = authenticate(request=self.request, username=email, password=password)
            if self.user is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_login"], code="invalid_login"
                )
        return cleaned


class SecurityCodeForm(forms.Form):
    """The second factor: a code from the authenticator app, or a backup code."""

    code = forms.CharField(
        label="Security code",
        help_text=(
            "Enter the 6-digit code from your authenticator app. "
            "If you do not have your phone, enter one of your backup codes."
        ),
        max_length=40,
        error_messages={"required": "Enter your security code"},
        widget=forms.TextInput(attrs=CODE_INPUT_ATTRS),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("Enter your security code", code="required")
        return code


class SetUpAuthenticatorForm(forms.Form):
    code = forms.CharField(
        label="Enter the 6-digit code from your authenticator app",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(attrs={**CODE_INPUT_ATTRS, "inputmode": "numeric"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not is_authenticator_code(code):
            raise forms.ValidationError("The code must be 6 numbers", code="format")
        return code


class PasswordResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The email address you use to sign in",
        error_messages={"required": "Enter your email address", "invalid": EMAIL_FORMAT_MESSAGE},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Hand the email to a worker, so a slow or failing mail server never
        slows the page or shows whether an address has an account."""
        from django.template import loader

        from .tasks import send_password_reset_email

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_password_reset_email.delay_on_commit(subject, body, to_email)


class NewPasswordForm(SetPasswordForm):
    error_messages = {"password_mismatch": "The passwords do not match"}

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request
        new = self.fields["new_password1"]
        new.label = "New password"
        new.help_text = (
            "Use at least 12 characters. Three or four random words together "
            "are easy to remember and hard to guess."
        )
        new.error_messages["required"] = "Enter a new password"
        again = self.fields["new_password2"]
        again.label = "Type your new password again"
        again.help_text = ""
        again.error_messages["required"] = "Type your new password again"

    def save(self, commit=True):
        from .auth_actions import reset_password

        return reset_password(
            user=self.user, password=self.cleaned_data["new_password1"], request=self.request
        )


class ColleagueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})"


class AuditTrailFilterForm(forms.Form):
    """GET filters for the audit trail. Every field is optional."""

    person = ColleagueChoiceField(
        label="Person",
        queryset=None,
        required=False,
        empty_label="Anyone",
        error_messages={"invalid_choice": "Choose a person from the list"},
    )
    email = forms.EmailField(
        label="Or an email address",
        help_text="For example, to find sign-in attempts with an address not in the list",
        required=False,
        max_length=254,
        error_messages={"invalid": EMAIL_FORMAT_MESSAGE},
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    family_reference = forms.CharField(
        label="Family reference",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10", "spellcheck": "false"}),
    )
    date_from = DateInputField(
        label="Date from", subject="Date from", required=False, help_text="For example, 27 3 2026"
    )
    date_to = DateInputField(
        label="Date to", subject="Date to", required=False, help_text="For example, 27 3 2026"
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = colleagues

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", "Date to must be the same as or after date from")
        return cleaned

    def filters(self):
        """The filters to apply, as keyword arguments for ``queries.audit_trail``.

        A field with an error is left out; the others still apply.
        """
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        return {
            "person": data.get("person"),
            "email": data.get("email") or "",
            "family_reference": (data.get("family_reference") or "").strip(),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
