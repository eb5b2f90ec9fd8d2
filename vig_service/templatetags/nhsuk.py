"""Template helpers for NHS.UK frontend markup and the crispy "nhsuk" template pack.

``{% load nhsuk %}`` gives:

- ``{% page_title SERVICE_NAME %}…{% endpage_title %}`` — "Page – Service – NHS",
  or "Service – NHS" when the page gives no title (used by base.html);
- ``{% nhsuk_field field as f %}`` — everything the pack's field templates need
  to draw one form field the NHS.UK way (classes, ids, hint, error, legend);
- ``{% nhsuk_error_summary_items form as items %}`` — the error summary's list;
- ``form|nhsuk_error_summary_shown`` — whether a summary was already drawn.
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from vig_service.forms.dates import DateInputWidget

register = template.Library()

DEFAULT_SERVICE_NAME = "Video Interaction Guidance"
# Set on a form once its error summary has been drawn, so that a page which
# puts the summary at the top of the main column does not get a second one
# from the crispy template pack.
SUMMARY_SHOWN = "_nhsuk_error_summary_shown"


# --- Page title -----------------------------------------------------------------


class PageTitleNode(template.Node):
    def __init__(self, nodelist, service_name):
        self.nodelist = nodelist
        self.service_name = service_name

    def render(self, context):
        page = " ".join(self.nodelist.render(context).split())
        service = self.service_name.resolve(context) if self.service_name else ""
        service = conditional_escape(service or DEFAULT_SERVICE_NAME)
        if page:
            return format_html("{} – {} – NHS", mark_safe(page), service)  # noqa: S308
        return format_html("{} – NHS", service)


@register.tag
def page_title(parser, token):
    """``{% page_title SERVICE_NAME %}{% block title %}{% endblock %}{% endpage_title %}``.

    The content is already-escaped template output (a page's title block).
    """
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("page_title takes at most one argument")
    service_name = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endpage_title",))
    parser.delete_first_token()
    return PageTitleNode(nodelist, service_name)


# --- Fields -----------------------------------------------------------------------

KIND_TEMPLATES = {
    "input": "nhsuk/fields/input.html",
    "textarea": "nhsuk/fields/input.html",
    "select": "nhsuk/fields/input.html",
    "file": "nhsuk/fields/file.html",
    "checkbox": "nhsuk/fields/checkbox.html",
    "radios": "nhsuk/fields/choices.html",
    "checkboxes": "nhsuk/fields/choices.html",
    "date": "nhsuk/fields/date.html",
    "multi": "nhsuk/fields/multi.html",
    "hidden": "nhsuk/fields/hidden.html",
}
CONTROL_CLASSES = {
    "input": ("nhsuk-input", "nhsuk-input--error"),
    "textarea": ("nhsuk-textarea", "nhsuk-textarea--error"),
    "select": ("nhsuk-select", "nhsuk-select--error"),
    "file": ("nhsuk-file-upload__input", ""),
    "checkbox": ("nhsuk-checkboxes__input", ""),
}


def field_kind(bound_field):
    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, DateInputWidget):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.MultiWidget):
        return "multi"
    return "input"


def anchor_id(bound_field):
    """The id an error summary link should point at: the first thing to fill in."""
    kind = field_kind(bound_field)
    base = bound_field.auto_id or ""
    if kind in ("radios", "checkboxes"):
        subwidgets = bound_field.subwidgets
        return subwidgets[0].id_for_label if subwidgets else base
    if kind == "date":
        return f"{base}_day"
    if kind == "multi":
        return f"{base}_0"
    return bound_field.id_for_label or base


def _error_parts(bound_field):
    """Which date boxes an error is about (all three unless the error says)."""
    parts = []
    for error in bound_field.errors.as_data():
        params = error.params if isinstance(error.params, dict) else {}
        parts.extend(params.get("parts", ("day", "month", "year")))
    return tuple(dict.fromkeys(parts))


def _join(*classes):
    return " ".join(c for c in classes if c)


def _number_widget(bound_field, widget):
    """NHS guidance: numbers as type="text" with inputmode, never type="number"."""
    whole = not isinstance(bound_field.field, (forms.FloatField, forms.DecimalField))
    attrs = {k: v for k, v in widget.attrs.items() if k not in ("min", "max", "step")}
    attrs["inputmode"] = "numeric" if whole else "decimal"
    attrs.setdefault("spellcheck", "false")
    text = forms.TextInput(attrs=attrs)
    text.is_localized = widget.is_localized
    return text


@dataclass
class NhsField:
    """One form field, described for the NHS.UK field templates."""

    bound: Any
    kind: str
    template: str
    id: str
    anchor_id: str
    label: str
    optional: bool
    page_heading: bool
    show_label: bool
    hint: str
    hint_id: str
    errors: list
    error_id: str
    describedby: str
    group_class: str
    control_html: SafeString = SafeString("")
    control_class: str = ""
    options: list = field(default_factory=list)
    parts: list = field(default_factory=list)

    @property
    def choice_prefix(self):
        return "nhsuk-radios" if self.kind == "radios" else "nhsuk-checkboxes"


def describe_field(bound_field, *, show_labels=True, show_errors=True, wrapper_class=""):
    kind = field_kind(bound_field)
    form = bound_field.form
    widget = bound_field.field.widget
    base_id = bound_field.auto_id or bound_field.html_name
    errors = list(bound_field.errors) if show_errors else []
    hint = bound_field.help_text
    hint_id = f"{base_id}-hint" if hint else ""
    error_id = f"{base_id}-error" if errors else ""
    describedby = _join(widget.attrs.get("aria-describedby", ""), hint_id, error_id)
    group_class = _join(
        "nhsuk-form-group",
        "nhsuk-form-group--error" if errors else "",
        "nhsuk-file-upload" if kind == "file" else "",
        wrapper_class,
    )
    described = NhsField(
        bound=bound_field,
        kind=kind,
        template=KIND_TEMPLATES[kind],
        id=base_id,
        anchor_id=anchor_id(bound_field),
        label=str(bound_field.label or ""),
        # A single checkbox ("I agree…") is a choice, not a question: never "(optional)".
        optional=not bound_field.field.required and kind not in ("checkbox", "hidden"),
        page_heading=getattr(form, "page_heading_field", None) == bound_field.name,
        show_label=show_labels,
        hint=hint,
        hint_id=hint_id,
        errors=errors,
        error_id=error_id,
        describedby=describedby,
        group_class=group_class,
    )

    if kind == "hidden":
        described.control_html = bound_field.as_widget()
    elif kind in ("radios", "checkboxes"):
        described.control_class = _join(
            "nhsuk-radios" if kind == "radios" else "nhsuk-checkboxes",
            widget.attrs.get("class", ""),
        )
        described.options = _options(bound_field, kind)
    elif kind == "date":
        described.parts = widget.parts(
            bound_field.html_name,
            bound_field.value(),
            bound_field.auto_id or "",
            error_parts=_error_parts(bound_field) if errors else (),
            disabled=bound_field.field.disabled,
        )
    elif kind == "multi":
        described.control_html = _render_control(
            bound_field, widget, {"class": _join("nhsuk-input", widget.attrs.get("class", ""))}
        )
    else:
        described.control_html = _control(bound_field, kind, widget, describedby, bool(errors))
    return described


def _control(bound_field, kind, widget, describedby, has_errors):
    base_class, error_class = CONTROL_CLASSES[kind]
    own_class = widget.attrs.get("class", "")
    attrs = {}
    if kind == "input":
        if isinstance(widget, forms.NumberInput):
            widget = _number_widget(bound_field, widget)
            if "width" not in own_class:
                own_class = _join(own_class, "nhsuk-input--width-5")
        elif isinstance(widget, forms.EmailInput):
            attrs["spellcheck"] = widget.attrs.get("spellcheck", "false")
        if getattr(widget, "input_type", "") == "tel" and "width" not in own_class:
            own_class = _join(own_class, "nhsuk-input--width-20")
    if kind == "file":
        return _file_control(bound_field, widget, _join(base_class, own_class), describedby)
    attrs["class"] = _join(base_class, error_class if has_errors else "", own_class)
    if describedby:
        attrs["aria-describedby"] = describedby
    return _render_control(bound_field, widget, attrs)


def _render_control(bound_field, widget, attrs):
    """``BoundField.as_widget`` without the ``required`` attribute.

    NHS.UK forms check answers on the server and say what is wrong in their
    own words, so the browser's "Please fill in this field" never appears.
    """
    attrs = bound_field.build_widget_attrs(attrs, widget)
    attrs.pop("required", None)
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    return widget.render(
        name=bound_field.html_name,
        value=bound_field.value(),
        attrs=attrs,
        renderer=bound_field.form.renderer,
    )


def _file_control(bound_field, widget, css_class, describedby):
    # Drawn directly: ClearableFileInput would print a link to the stored file,
    # and stored files (films) are never at a public URL.
    attrs = {k: v for k, v in widget.attrs.items() if k != "required"}
    attrs.update(
        {
            "class": css_class,
            "id": widget.attrs.get("id") or bound_field.auto_id,
            "name": bound_field.html_name,
            "type": "file",
        }
    )
    if describedby:
        attrs["aria-describedby"] = describedby
    if bound_field.field.disabled:
        attrs["disabled"] = True
    return format_html("<input{}>", flatatt(attrs))


def _options(bound_field, kind):
    input_type = "radio" if kind == "radios" else "checkbox"
    prefix = "nhsuk-radios" if kind == "radios" else "nhsuk-checkboxes"
    options = []
    for subwidget in bound_field.subwidgets:
        data = subwidget.data
        attrs = {
            "class": f"{prefix}__input",
            "id": data["attrs"].get("id"),
            "name": data["name"],
            "type": input_type,
            "value": "" if data["value"] is None else str(data["value"]),
            "checked": bool(data["selected"]),
            "disabled": bool(data["attrs"].get("disabled")),
        }
        options.append(
            {
                "id": attrs["id"],
                "label": data["label"],
                "input_html": format_html("<input{}>", flatatt(attrs)),
            }
        )
    return options


@register.simple_tag
def nhsuk_field(bound_field, form_show_labels=True, form_show_errors=True, wrapper_class=""):
    """``{% nhsuk_field field form_show_labels=… as f %}`` → an ``NhsField``."""
    return describe_field(
        bound_field,
        show_labels=form_show_labels is not False,
        show_errors=form_show_errors is not False,
        wrapper_class=wrapper_class or "",
    )


# --- Error summary -----------------------------------------------------------------


def error_summary_items(form):
    """``[{"text": …, "href": …}]`` for a form or formset, in the order of the page.

    Errors not about one visible field (``non_field_errors``, hidden fields)
    have no link.
    """
    if form is None or not getattr(form, "is_bound", False):
        return []
    if isinstance(form, BaseFormSet):
        items = [{"text": error, "href": ""} for error in form.non_form_errors()]
        for each in form.forms:
            items.extend(error_summary_items(each))
        return items
    if not form.errors:
        return []
    items = [{"text": error, "href": ""} for error in form.non_field_errors()]
    for bound_field in form:
        for error in bound_field.errors:
            href = "" if bound_field.is_hidden else anchor_id(bound_field)
            items.append({"text": error, "href": href})
    return items


@register.simple_tag
def nhsuk_error_summary_items(form):
    """The summary's items; also marks the form so its summary is drawn only once."""
    items = error_summary_items(form)
    if items:
        try:
            setattr(form, SUMMARY_SHOWN, True)
        except AttributeError:  # something that is not a form or formset
            pass
    return items


@register.filter
def nhsuk_error_summary_shown(form):
    return bool(getattr(form, SUMMARY_SHOWN, False))


# --- Buttons ---------------------------------------------------------------------

# crispy-forms' own defaults for its Submit/Button inputs are Bootstrap classes.
BOOTSTRAP_BUTTON_CLASSES = {"btn", "btn-primary", "btn-secondary", "btn-inverse"}


@register.filter
def nhsuk_button_class(input_object):
    """NHS.UK classes for a crispy ``Submit``/``Button``/``Reset`` input."""
    own = [
        c
        for c in str(getattr(input_object, "field_classes", "")).split()
        if c not in BOOTSTRAP_BUTTON_CLASSES
    ]
    input_type = getattr(input_object, "input_type", "submit")
    base = (
        ["nhsuk-button"] if input_type == "submit" else ["nhsuk-button", "nhsuk-button--secondary"]
    )
    return " ".join(dict.fromkeys(base + own))
