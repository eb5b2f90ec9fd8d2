"""The crispy "nhsuk" template pack draws NHS.UK frontend 10 form markup.

Every kind of field, unbound and with errors: classes, ids, hints, legends,
error messages, aria-describedby, and the error summary's links. Also the
DateInputField's cleaning and its messages.
"""

import datetime

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test.html import Element, parse_html

from vig_service.forms import DateInputField

# --- Helpers ----------------------------------------------------------------------


def crispy(form):
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def crispy_filter(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def elements(html):
    stack = [parse_html(html)]
    while stack:
        node = stack.pop()
        if isinstance(node, Element):
            yield node
            stack.extend(reversed(node.children))


def attrs(element):
    return dict(element.attributes)


def classes(element):
    return set((attrs(element).get("class") or "").split())


def by_id(html, id_):
    found = [e for e in elements(html) if attrs(e).get("id") == id_]
    assert len(found) == 1, f"expected one element with id {id_!r}, found {len(found)}"
    return found[0]


def with_class(html, css_class):
    return [e for e in elements(html) if css_class in classes(e)]


def text(element):
    parts = []
    for child in element.children:
        parts.append(text(child) if isinstance(child, Element) else str(child))
    return " ".join(" ".join(parts).split())


def group_of(html, id_):
    """The nhsuk-form-group that holds the element with ``id_`` (outermost match)."""
    for group in with_class(html, "nhsuk-form-group"):
        if any(attrs(e).get("id") == id_ for e in elements(str(group))):
            return group
    raise AssertionError(f"no form group holds #{id_}")


def summary_links(html):
    (summary,) = with_class(html, "nhsuk-error-summary")
    return [(attrs(a)["href"], text(a)) for a in elements(str(summary)) if a.name == "a"]


def describedby(element):
    return (attrs(element).get("aria-describedby") or "").split()


# --- Forms ------------------------------------------------------------------------

PLACES = [("", "Choose a place"), ("home", "At home"), ("hub", "At a family hub")]
CONTACT = [("email", "Email"), ("phone", "Phone")]
DAYS = [("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday")]


class TextForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        help_text="As it appears on letters from the NHS",
        error_messages={"required": "Enter your full name"},
    )


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format"},
    )


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label="Phone number",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": "Enter a phone number"},
    )


class NumberForm(forms.Form):
    children = forms.IntegerField(
        label="How many children do you look after?",
        min_value=1,
        max_value=20,
        error_messages={"required": "Enter a number", "invalid": "Enter a whole number"},
    )
    hours = forms.DecimalField(label="Hours", required=False)


class TextareaForm(forms.Form):
    notes = forms.CharField(
        label="What would you like help with?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Tell us what you would like help with"},
    )


class SelectForm(forms.Form):
    place = forms.ChoiceField(
        label="Where would you like to meet?",
        choices=PLACES,
        error_messages={"required": "Choose where you would like to meet"},
    )


class RadiosForm(forms.Form):
    contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=CONTACT,
        widget=forms.RadioSelect,
        help_text="Choose one",
        error_messages={"required": "Choose how we should contact you"},
    )


class CheckboxesForm(forms.Form):
    days = forms.MultipleChoiceField(
        label="Which days suit you?",
        choices=DAYS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Choose at least one day"},
    )


class CheckboxForm(forms.Form):
    agree = forms.BooleanField(
        label="I agree to be filmed",
        help_text="You can change your mind at any time",
        error_messages={"required": "Confirm you agree to be filmed"},
    )


class OptionalCheckboxForm(forms.Form):
    reminders = forms.BooleanField(label="Send me reminders", required=False)


class DateForm(forms.Form):
    birth_date = DateInputField(
        label="What is your baby's date of birth?",
        subject="Date of birth",
        help_text="For example, 15 3 2024",
        autocomplete="bday",
    )


class FileForm(forms.Form):
    film = forms.FileField(
        label="Upload a film",
        help_text="An MP4 file of up to 10 minutes",
        error_messages={"required": "Choose a film to upload"},
    )


class HiddenForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput, error_messages={"required": "Missing step"})
    name = forms.CharField(label="Name")


class WholeForm(forms.Form):
    name = forms.CharField(label="Name", error_messages={"required": "Enter your name"})
    contact = forms.ChoiceField(
        label="Contact",
        choices=CONTACT,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how we should contact you"},
    )

    def clean(self):
        raise forms.ValidationError("We could not save your answers")


# --- Text-like inputs -------------------------------------------------------------------


def test_text_input_unbound_has_label_hint_and_no_error():
    html = crispy(TextForm())
    field = by_id(html, "id_name")
    assert field.name == "input"
    assert attrs(field)["type"] == "text"
    assert classes(field) == {"nhsuk-input"}
    assert "required" not in attrs(field)  # answers are checked on the server
    assert describedby(field) == ["id_name-hint"]
    hint = by_id(html, "id_name-hint")
    assert classes(hint) == {"nhsuk-hint"}
    assert text(hint) == "As it appears on letters from the NHS"
    (label,) = [e for e in elements(html) if e.name == "label"]
    assert attrs(label)["for"] == "id_name"
    assert classes(label) == {"nhsuk-label"}
    assert text(label) == "Full name"  # required questions are not marked
    assert classes(group_of(html, "id_name")) == {"nhsuk-form-group"}
    assert not with_class(html, "nhsuk-error-summary")
    assert not with_class(html, "nhsuk-error-message")


def test_text_input_with_error_has_message_classes_and_summary_link():
    form = TextForm({"name": ""})
    html = crispy(form)
    field = by_id(html, "id_name")
    assert classes(field) == {"nhsuk-input", "nhsuk-input--error"}
    assert describedby(field) == ["id_name-hint", "id_name-error"]
    error = by_id(html, "id_name-error")
    assert classes(error) == {"nhsuk-error-message"}
    assert text(error) == "Error: Enter your full name"
    (hidden,) = [e for e in elements(str(error)) if "nhsuk-u-visually-hidden" in classes(e)]
    assert text(hidden) == "Error:"
    assert classes(group_of(html, "id_name")) == {"nhsuk-form-group", "nhsuk-form-group--error"}
    assert summary_links(html) == [("#id_name", "Enter your full name")]


def test_text_input_keeps_the_answer_given():
    html = crispy(TextForm({"name": "Sam Smith"}))
    assert attrs(by_id(html, "id_name"))["value"] == "Sam Smith"


def test_optional_email_says_optional_and_turns_spellcheck_off():
    html = crispy(EmailForm())
    field = by_id(html, "id_email")
    assert attrs(field)["type"] == "email"
    assert attrs(field)["spellcheck"] == "false"
    (label,) = [e for e in elements(html) if e.name == "label"]
    assert text(label) == "Email address (optional)"


def test_email_with_error():
    html = crispy(EmailForm({"email": "not an email"}))
    field = by_id(html, "id_email")
    assert "nhsuk-input--error" in classes(field)
    assert describedby(field) == ["id_email-error"]
    assert summary_links(html) == [("#id_email", "Enter an email address in the correct format")]


def test_phone_is_tel_with_a_narrower_box():
    html = crispy(PhoneForm())
    field = by_id(html, "id_phone")
    assert attrs(field)["type"] == "tel"
    assert attrs(field)["autocomplete"] == "tel"
    assert classes(field) == {"nhsuk-input", "nhsuk-input--width-20"}


def test_phone_with_error():
    html = crispy(PhoneForm({"phone": ""}))
    assert classes(by_id(html, "id_phone")) == {
        "nhsuk-input",
        "nhsuk-input--error",
        "nhsuk-input--width-20",
    }
    assert summary_links(html) == [("#id_phone", "Enter a phone number")]


def test_numbers_are_text_boxes_with_a_numeric_keyboard():
    html = crispy(NumberForm())
    whole = by_id(html, "id_children")
    assert attrs(whole)["type"] == "text"
    assert attrs(whole)["inputmode"] == "numeric"
    for spinner_attr in ("min", "max", "step"):
        assert spinner_attr not in attrs(whole)
    assert "nhsuk-input--width-5" in classes(whole)
    decimal = by_id(html, "id_hours")
    assert attrs(decimal)["type"] == "text"
    assert attrs(decimal)["inputmode"] == "decimal"


def test_number_with_error_keeps_what_was_typed():
    html = crispy(NumberForm({"children": "two"}))
    field = by_id(html, "id_children")
    assert attrs(field)["value"] == "two"
    assert "nhsuk-input--error" in classes(field)
    assert summary_links(html) == [("#id_children", "Enter a whole number")]


def test_number_field_still_validates_its_range():
    form = NumberForm({"children": "30"})
    assert not form.is_valid()
    assert "children" in form.errors


# --- Textarea and select -----------------------------------------------------------------


def test_textarea_unbound_and_with_error():
    html = crispy(TextareaForm())
    field = by_id(html, "id_notes")
    assert field.name == "textarea"
    assert classes(field) == {"nhsuk-textarea"}
    assert attrs(field)["rows"] == "5"

    html = crispy(TextareaForm({"notes": ""}))
    field = by_id(html, "id_notes")
    assert classes(field) == {"nhsuk-textarea", "nhsuk-textarea--error"}
    assert describedby(field) == ["id_notes-error"]
    assert text(by_id(html, "id_notes-error")) == "Error: Tell us what you would like help with"
    assert summary_links(html) == [("#id_notes", "Tell us what you would like help with")]


def test_select_unbound_and_with_error():
    html = crispy(SelectForm())
    field = by_id(html, "id_place")
    assert field.name == "select"
    assert classes(field) == {"nhsuk-select"}
    options = [text(e) for e in elements(str(field)) if e.name == "option"]
    assert options == ["Choose a place", "At home", "At a family hub"]

    html = crispy(SelectForm({"place": ""}))
    field = by_id(html, "id_place")
    assert classes(field) == {"nhsuk-select", "nhsuk-select--error"}
    assert describedby(field) == ["id_place-error"]
    assert summary_links(html) == [("#id_place", "Choose where you would like to meet")]


# --- Radios and checkboxes -------------------------------------------------------------------


def test_radios_are_a_fieldset_with_a_legend():
    html = crispy(RadiosForm())
    (fieldset,) = [e for e in elements(html) if e.name == "fieldset"]
    assert classes(fieldset) == {"nhsuk-fieldset"}
    assert describedby(fieldset) == ["id_contact-hint"]
    (legend,) = [e for e in elements(html) if e.name == "legend"]
    assert classes(legend) == {"nhsuk-fieldset__legend"}
    assert text(legend) == "How should we contact you?"
    (radios,) = with_class(html, "nhsuk-radios")
    assert attrs(radios)["data-module"] == "nhsuk-radios"
    assert len(with_class(html, "nhsuk-radios__item")) == 2
    first = by_id(html, "id_contact_0")
    assert attrs(first)["type"] == "radio"
    assert attrs(first)["name"] == "contact"
    assert attrs(first)["value"] == "email"
    assert classes(first) == {"nhsuk-radios__input"}
    labels = {attrs(e)["for"]: text(e) for e in elements(html) if e.name == "label"}
    assert labels == {"id_contact_0": "Email", "id_contact_1": "Phone"}
    assert with_class(html, "nhsuk-radios__label")


def test_radios_with_error_link_to_the_first_option():
    html = crispy(RadiosForm({}))
    (fieldset,) = [e for e in elements(html) if e.name == "fieldset"]
    assert describedby(fieldset) == ["id_contact-hint", "id_contact-error"]
    assert text(by_id(html, "id_contact-error")) == "Error: Choose how we should contact you"
    assert "nhsuk-form-group--error" in classes(group_of(html, "id_contact_0"))
    assert summary_links(html) == [("#id_contact_0", "Choose how we should contact you")]


def test_radios_remember_the_choice():
    html = crispy(RadiosForm({"contact": "phone"}))
    assert "checked" in attrs(by_id(html, "id_contact_1"))
    assert "checked" not in attrs(by_id(html, "id_contact_0"))


def test_inline_radios_from_the_widget_class():
    class InlineForm(forms.Form):
        answer = forms.ChoiceField(
            choices=[("yes", "Yes"), ("no", "No")],
            widget=forms.RadioSelect(attrs={"class": "nhsuk-radios--inline"}),
        )

    (radios,) = with_class(crispy(InlineForm()), "nhsuk-radios")
    assert classes(radios) == {"nhsuk-radios", "nhsuk-radios--inline"}


def test_checkboxes_are_a_fieldset_with_a_legend():
    html = crispy(CheckboxesForm())
    (legend,) = [e for e in elements(html) if e.name == "legend"]
    assert text(legend) == "Which days suit you?"
    (boxes,) = with_class(html, "nhsuk-checkboxes")
    assert attrs(boxes)["data-module"] == "nhsuk-checkboxes"
    assert len(with_class(html, "nhsuk-checkboxes__item")) == 3
    first = by_id(html, "id_days_0")
    assert attrs(first)["type"] == "checkbox"
    assert classes(first) == {"nhsuk-checkboxes__input"}
    assert text(by_id(html, "id_days-hint")) == "Select all that apply"


def test_checkboxes_with_error_and_remembered_choices():
    html = crispy(CheckboxesForm({}))
    (fieldset,) = [e for e in elements(html) if e.name == "fieldset"]
    assert describedby(fieldset) == ["id_days-hint", "id_days-error"]
    assert summary_links(html) == [("#id_days_0", "Choose at least one day")]

    html = crispy(CheckboxesForm({"days": ["mon", "wed"]}))
    assert "checked" in attrs(by_id(html, "id_days_0"))
    assert "checked" not in attrs(by_id(html, "id_days_1"))
    assert "checked" in attrs(by_id(html, "id_days_2"))


def test_single_checkbox_has_its_label_and_hint_beside_it():
    html = crispy(CheckboxForm())
    box = by_id(html, "id_agree")
    assert attrs(box)["type"] == "checkbox"
    assert classes(box) == {"nhsuk-checkboxes__input"}
    assert describedby(box) == ["id_agree-hint"]
    hint = by_id(html, "id_agree-hint")
    assert classes(hint) == {"nhsuk-hint", "nhsuk-checkboxes__hint"}
    (label,) = [e for e in elements(html) if e.name == "label"]
    assert classes(label) == {"nhsuk-label", "nhsuk-checkboxes__label"}
    assert text(label) == "I agree to be filmed"
    assert not [e for e in elements(html) if e.name == "legend"]


def test_single_checkbox_with_error():
    html = crispy(CheckboxForm({}))
    box = by_id(html, "id_agree")
    assert describedby(box) == ["id_agree-hint", "id_agree-error"]
    assert text(by_id(html, "id_agree-error")) == "Error: Confirm you agree to be filmed"
    assert "nhsuk-form-group--error" in classes(group_of(html, "id_agree"))
    assert summary_links(html) == [("#id_agree", "Confirm you agree to be filmed")]


def test_an_optional_single_checkbox_is_not_marked_optional():
    html = crispy(OptionalCheckboxForm())
    (label,) = [e for e in elements(html) if e.name == "label"]
    assert text(label) == "Send me reminders"


# --- Date input ------------------------------------------------------------------------------


def test_date_input_is_a_group_of_three_numeric_boxes():
    html = crispy(DateForm())
    (fieldset,) = [e for e in elements(html) if e.name == "fieldset"]
    assert attrs(fieldset)["role"] == "group"
    assert describedby(fieldset) == ["id_birth_date-hint"]
    (legend,) = [e for e in elements(html) if e.name == "legend"]
    assert text(legend) == "What is your baby's date of birth?"
    assert attrs(by_id(html, "id_birth_date"))["class"] == "nhsuk-date-input"
    assert len(with_class(html, "nhsuk-date-input__item")) == 3
    for part, width in (("day", 2), ("month", 2), ("year", 4)):
        box = by_id(html, f"id_birth_date_{part}")
        assert attrs(box)["name"] == f"birth_date_{part}"
        assert attrs(box)["type"] == "text"
        assert attrs(box)["inputmode"] == "numeric"
        assert attrs(box)["autocomplete"] == f"bday-{part}"
        assert classes(box) == {
            "nhsuk-input",
            f"nhsuk-input--width-{width}",
            "nhsuk-date-input__input",
        }
    labels = [text(e) for e in elements(html) if e.name == "label"]
    assert labels == ["Day", "Month", "Year"]


def test_date_input_shows_its_initial_value():
    html = crispy(DateForm(initial={"birth_date": datetime.date(2024, 3, 15)}))
    assert attrs(by_id(html, "id_birth_date_day"))["value"] == "15"
    assert attrs(by_id(html, "id_birth_date_month"))["value"] == "3"
    assert attrs(by_id(html, "id_birth_date_year"))["value"] == "2024"


def test_date_input_with_one_error_for_the_whole_date():
    form = DateForm({"birth_date_day": "31", "birth_date_month": "2", "birth_date_year": "2024"})
    html = crispy(form)
    (fieldset,) = [e for e in elements(html) if e.name == "fieldset"]
    assert describedby(fieldset) == ["id_birth_date-hint", "id_birth_date-error"]
    errors = with_class(html, "nhsuk-error-message")
    assert [text(e) for e in errors] == ["Error: Date of birth must be a real date"]
    for part in ("day", "month", "year"):
        assert "nhsuk-input--error" in classes(by_id(html, f"id_birth_date_{part}"))
    assert attrs(by_id(html, "id_birth_date_day"))["value"] == "31"
    assert summary_links(html) == [("#id_birth_date_day", "Date of birth must be a real date")]


def test_date_input_marks_only_the_missing_box():
    form = DateForm({"birth_date_day": "15", "birth_date_month": "", "birth_date_year": "2024"})
    html = crispy(form)
    assert "nhsuk-input--error" not in classes(by_id(html, "id_birth_date_day"))
    assert "nhsuk-input--error" in classes(by_id(html, "id_birth_date_month"))
    assert "nhsuk-input--error" not in classes(by_id(html, "id_birth_date_year"))
    assert summary_links(html) == [("#id_birth_date_day", "Date of birth must include a month")]


def test_date_error_from_the_form_marks_every_box():
    class PastDateForm(DateForm):
        def clean_birth_date(self):
            raise forms.ValidationError("Date of birth must be in the past")

    form = PastDateForm({"birth_date_day": "1", "birth_date_month": "1", "birth_date_year": "2999"})
    html = crispy(form)
    for part in ("day", "month", "year"):
        assert "nhsuk-input--error" in classes(by_id(html, f"id_birth_date_{part}"))


def test_date_widget_renders_nhs_markup_outside_crispy_too():
    html = str(DateForm()["birth_date"])
    assert len(with_class(html, "nhsuk-date-input__item")) == 3
    assert attrs(by_id(html, "id_birth_date_day"))["inputmode"] == "numeric"


def test_date_label_points_at_the_day_box():
    assert DateForm()["birth_date"].id_for_label == "id_birth_date_day"


# --- DateInputField cleaning -------------------------------------------------------------------


def clean_date(day, month, year, **field_kwargs):
    class Form(forms.Form):
        when = DateInputField(**field_kwargs)

    form = Form({"when_day": day, "when_month": month, "when_year": year})
    if form.is_valid():
        return form.cleaned_data["when"]
    return form.errors["when"]


def test_a_real_date_cleans_to_a_date():
    assert clean_date("15", "3", "2024") == datetime.date(2024, 3, 15)
    assert clean_date(" 05 ", "03", "2024") == datetime.date(2024, 3, 5)


def test_month_names_are_accepted():
    assert clean_date("1", "Feb", "2024") == datetime.date(2024, 2, 1)
    assert clean_date("1", "september", "2024") == datetime.date(2024, 9, 1)


def test_31_february_is_not_a_real_date():
    assert clean_date("31", "2", "2024") == ["Date must be a real date"]


def test_29_february_only_in_a_leap_year():
    assert clean_date("29", "2", "2024") == datetime.date(2024, 2, 29)
    assert clean_date("29", "2", "2023") == ["Date must be a real date"]


def test_blank_required_date_asks_for_a_date():
    assert clean_date("", "", "") == ["Enter a date"]


def test_blank_optional_date_is_none():
    assert clean_date("", "", "", required=False) is None


def test_non_numeric_parts_are_not_a_real_date():
    assert clean_date("first", "3", "2024") == ["Date must be a real date"]
    assert clean_date("1", "13", "2024") == ["Date must be a real date"]
    assert clean_date("1", "3", "twenty") == ["Date must be a real date"]


def test_missing_parts_are_named():
    assert clean_date("15", "", "") == ["Date must include a month and year"]
    assert clean_date("", "3", "2024") == ["Date must include a day"]


def test_year_needs_four_numbers():
    assert clean_date("15", "3", "24") == ["Year must include 4 numbers"]


def test_subject_names_the_date_in_messages():
    assert clean_date("", "", "", subject="Date of birth") == ["Enter date of birth"]
    assert clean_date("31", "2", "2024", subject="Date of birth") == [
        "Date of birth must be a real date"
    ]


def test_messages_can_be_overridden():
    assert clean_date(
        "", "", "", error_messages={"required": "Enter your baby's date of birth"}
    ) == ["Enter your baby's date of birth"]


def test_messages_may_contain_a_percent_sign():
    messages = {"invalid": "Enter a real date (100% of dates need a day, month and year)"}
    assert clean_date("31", "2", "2024", error_messages=messages) == [messages["invalid"]]


def test_date_field_knows_when_it_changed():
    class Form(forms.Form):
        when = DateInputField()

    initial = {"when": datetime.date(2024, 3, 15)}
    same = Form({"when_day": "15", "when_month": "3", "when_year": "2024"}, initial=initial)
    assert not same.has_changed()
    changed = Form({"when_day": "16", "when_month": "3", "when_year": "2024"}, initial=initial)
    assert changed.has_changed()
    untouched = Form({"when_day": "", "when_month": "", "when_year": ""})
    assert not untouched.has_changed()
    cleared = Form({"when_day": "", "when_month": "", "when_year": ""}, initial=initial)
    assert cleared.has_changed()


# --- File upload, hidden fields ------------------------------------------------------------


def test_file_upload_unbound_and_with_error():
    html = crispy(FileForm())
    field = by_id(html, "id_film")
    assert attrs(field)["type"] == "file"
    assert classes(field) == {"nhsuk-file-upload__input"}
    assert describedby(field) == ["id_film-hint"]
    group = group_of(html, "id_film")
    assert classes(group) == {"nhsuk-form-group", "nhsuk-file-upload"}
    assert attrs(group)["data-module"] == "nhsuk-file-upload"
    assert 'enctype="multipart/form-data"' in html

    html = crispy(FileForm({}, {}))
    assert describedby(by_id(html, "id_film")) == ["id_film-hint", "id_film-error"]
    assert "nhsuk-form-group--error" in classes(group_of(html, "id_film"))
    assert summary_links(html) == [("#id_film", "Choose a film to upload")]


def test_file_upload_never_links_to_a_stored_file():
    class ClearableForm(forms.Form):
        film = forms.FileField(required=False, widget=forms.ClearableFileInput)

    stored = SimpleUploadedFile("film.mp4", b"data")
    stored.url = "/no-public-media/film.mp4"
    html = crispy(ClearableForm(initial={"film": stored}))
    assert not [e for e in elements(html) if e.name == "a"]
    assert attrs(by_id(html, "id_film"))["type"] == "file"


def test_hidden_field_is_hidden_and_its_error_is_not_a_link():
    html = crispy(HiddenForm({"name": "Sam"}))
    field = by_id(html, "id_step")
    assert attrs(field)["type"] == "hidden"
    (summary,) = with_class(html, "nhsuk-error-summary")
    assert "Missing step" in text(summary)
    assert summary_links(html) == []


# --- Error summary --------------------------------------------------------------------------


def test_error_summary_markup():
    html = crispy(TextForm({"name": ""}))
    (summary,) = with_class(html, "nhsuk-error-summary")
    assert attrs(summary)["data-module"] == "nhsuk-error-summary"
    assert attrs(summary)["tabindex"] == "-1"
    (alert,) = [e for e in elements(str(summary)) if attrs(e).get("role") == "alert"]
    (heading,) = [e for e in elements(str(alert)) if e.name == "h2"]
    assert classes(heading) == {"nhsuk-error-summary__heading"}
    assert text(heading) == "There is a problem"
    assert with_class(str(summary), "nhsuk-error-summary__list")


def test_error_summary_lists_form_errors_first_then_fields_in_order():
    html = crispy(WholeForm({}))
    (summary,) = with_class(html, "nhsuk-error-summary")
    items = [text(li) for li in elements(str(summary)) if li.name == "li"]
    assert items == [
        "We could not save your answers",
        "Enter your name",
        "Choose how we should contact you",
    ]
    assert summary_links(html) == [
        ("#id_name", "Enter your name"),
        ("#id_contact_0", "Choose how we should contact you"),
    ]


def test_the_filter_also_draws_the_summary():
    html = crispy_filter(TextForm({"name": ""}))
    assert summary_links(html) == [("#id_name", "Enter your full name")]
    assert "<form" not in html


def test_a_summary_drawn_by_the_page_is_not_drawn_again():
    page = Template(
        "{% load crispy_forms_tags %}"
        '{% include "_components/error_summary.html" with form=form %}'
        "<h1>Your details</h1>{% crispy form %}"
    )
    html = page.render(Context({"form": TextForm({"name": ""})}))
    assert len(with_class(html, "nhsuk-error-summary")) == 1
    assert html.index("nhsuk-error-summary") < html.index("<h1>")

    page = Template(
        "{% load crispy_forms_tags %}"
        '{% include "_components/error_summary.html" with form=form %}{{ form|crispy }}'
    )
    html = page.render(Context({"form": TextForm({"name": ""})}))
    assert len(with_class(html, "nhsuk-error-summary")) == 1


def test_no_summary_without_errors():
    page = Template('{% include "_components/error_summary.html" with form=form %}')
    assert page.render(Context({"form": TextForm()})).strip() == ""
    assert page.render(Context({"form": TextForm({"name": "Sam"})})).strip() == ""


def test_formset_summary_covers_every_form():
    TextFormSet = forms.formset_factory(TextForm, extra=0)
    formset = TextFormSet(
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-name": "Sam",
            "form-1-name": "",
        }
    )
    html = crispy(formset)
    assert summary_links(html) == [("#id_form-1-name", "Enter your full name")]
    assert attrs(by_id(html, "id_form-TOTAL_FORMS"))["type"] == "hidden"


# --- Page headings, layout, buttons, form tag ---------------------------------------------------


def test_the_one_question_on_a_page_can_be_its_heading():
    class NameForm(TextForm):
        page_heading_field = "name"

    html = crispy(NameForm())
    (h1,) = [e for e in elements(html) if e.name == "h1"]
    assert classes(h1) == {"nhsuk-label-wrapper"}
    (label,) = [e for e in elements(str(h1)) if e.name == "label"]
    assert classes(label) == {"nhsuk-label", "nhsuk-label--l"}
    assert text(label) == "Full name"


def test_a_legend_can_be_the_page_heading():
    class BirthForm(DateForm):
        page_heading_field = "birth_date"

    html = crispy(BirthForm())
    (legend,) = [e for e in elements(html) if e.name == "legend"]
    assert classes(legend) == {"nhsuk-fieldset__legend", "nhsuk-fieldset__legend--l"}
    (h1,) = [e for e in elements(str(legend)) if e.name == "h1"]
    assert classes(h1) == {"nhsuk-fieldset__heading"}
    assert text(h1) == "What is your baby's date of birth?"


def test_hidden_labels_stay_for_screen_readers():
    form = TextForm()
    form.helper = FormHelper()
    form.helper.form_show_labels = False
    (label,) = [e for e in elements(crispy(form)) if e.name == "label"]
    assert "nhsuk-u-visually-hidden" in classes(label)


def test_form_tag_has_csrf_novalidate_and_an_nhs_button():
    form = TextForm()
    form.helper = FormHelper()
    form.helper.form_action = "/somewhere/"
    form.helper.add_input(Submit("save", "Save and continue"))
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": form, "csrf_token": "token-value"})
    )
    (form_element,) = [e for e in elements(html) if e.name == "form"]
    assert attrs(form_element)["method"] == "post"
    assert attrs(form_element)["action"] == "/somewhere/"
    assert "novalidate" in attrs(form_element)
    assert attrs(by_id(html, "submit-id-save"))["type"] == "submit"
    (button,) = [e for e in elements(html) if e.name == "button"]
    assert classes(button) == {"nhsuk-button"}
    assert attrs(button)["data-module"] == "nhsuk-button"
    assert text(button) == "Save and continue"
    assert [e for e in elements(html) if attrs(e).get("name") == "csrfmiddlewaretoken"]


def test_layout_fieldset_groups_fields_under_a_legend():
    class AddressForm(forms.Form):
        line_1 = forms.CharField(label="Address line 1")
        postcode = forms.CharField(label="Postcode")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = FormHelper()
            self.helper.form_tag = False
            self.helper.layout = Layout(Fieldset("What is your address?", "line_1", "postcode"))

    html = crispy(AddressForm())
    (fieldset,) = [e for e in elements(html) if e.name == "fieldset"]
    assert classes(fieldset) == {"nhsuk-fieldset"}
    (legend,) = [e for e in elements(str(fieldset)) if e.name == "legend"]
    assert text(legend) == "What is your address?"
    assert by_id(str(fieldset), "id_line_1")
    assert by_id(str(fieldset), "id_postcode")


# --- Page title tag -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "service", "expected"),
    [
        ("Page not found", "VIG North", "Page not found – VIG North – NHS"),
        ("", "VIG North", "VIG North – NHS"),
        ("  \n ", "", "Video Interaction Guidance – NHS"),
        ("Tom & Jo", "VIG", "Tom &amp; Jo – VIG – NHS"),
    ],
)
def test_page_title(page, service, expected):
    template = Template("{% load nhsuk %}{% page_title service %}{{ page }}{% endpage_title %}")
    assert template.render(Context({"page": page, "service": service})) == expected
