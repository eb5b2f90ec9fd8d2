"""The journey so far, worked out again from the saved answers on every request."""

from dataclasses import dataclass, field

from vig_service.forms import DateInputField

from .. import public_forms as pf
from .flows import Step


def form_data(form):
    """A valid form's cleaned answers as form data, ready to bind to the form again."""
    data = {}
    for name, form_field in form.fields.items():
        value = form.cleaned_data.get(name)
        if isinstance(form_field, DateInputField):
            parts = (value.day, value.month, value.year) if value else ("", "", "")
            for part, part_value in zip(("day", "month", "year"), parts, strict=True):
                data[f"{name}_{part}"] = str(part_value)
        elif isinstance(form_field, pf.YesNoField):
            data[name] = form_field.as_data(value)
        else:
            data[name] = "" if value is None else str(value)
    return data


@dataclass
class StepResult:
    step: Step
    form: pf.StepForm
    complete: bool


@dataclass
class Progress:
    """The journey so far, worked out from the answers in the session."""

    results: list = field(default_factory=list)  # applicable pages up to the first not done
    answers: dict = field(default_factory=dict)  # cleaned answers of the pages done
    children: list = field(default_factory=list)  # cleaned other children
    children_valid: bool = True
    ineligible: list = field(default_factory=list)  # reasons, when not eligible

    @property
    def first_incomplete(self):
        for result in self.results:
            if not result.complete:
                return result.step
        return None

    @property
    def complete(self):
        return not self.ineligible and self.first_incomplete is None

    def reachable(self, name):
        return any(result.step.name == name for result in self.results)

    def previous(self, name):
        names = [result.step.name for result in self.results]
        index = names.index(name)
        return names[index - 1] if index else None

    def next_after(self, name):
        names = [result.step.name for result in self.results]
        index = names.index(name)
        return names[index + 1] if index + 1 < len(names) else None
