"""Pages that ask several questions: the one-question forms (parts), on one page.

A ``GroupForm`` shows its parts' fields in order and checks each part with the
part's own form, so every rule and every error message stays where it is, once.
A part may follow up one option of a question on the same page (the job title
under "Other professional", the safeguarding details under "Yes"): it is drawn
under that radio option, as an NHS.UK conditional reveal looks without scripts,
and only checked, and kept, when that option is chosen. Later parts see the
answers of earlier ones, as later pages see earlier pages.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.forms.utils import ErrorDict

from .base import StepForm, YesNoField


def _always(ctx):
    return True


@dataclass(frozen=True)
class Part:
    form_class: type
    shown: Callable = _always  # given the context (earlier pages), is it on the page at all?
    under: tuple = ()  # (field, value): drawn under that option, checked only when chosen
    heading: bool = False  # the part's own heading (and intro) go above it, as an h2
    labels: dict = field(default_factory=dict)  # shorter labels here: name → (parent, professional)


@dataclass
class Section:
    heading: str
    intro: tuple
    fields: list  # bound fields, not counting those drawn under an option


class GroupForm(StepForm):
    """One page of several parts. Subclasses set ``parts`` (and may set ``heading``)."""

    parts: tuple = ()
    grouped = True

    def setup(self):
        self.shown_parts = [part for part in self.parts if part.shown(self.ctx)]
        self.part_forms = []
        self._part_fields = []
        for part in self.shown_parts:
            form = part.form_class(ctx=self.ctx)
            for name, form_field in form.fields.items():
                if name in part.labels:
                    form_field.label = self.you(*part.labels[name])
                self.fields[name] = form_field
            self._part_fields.append((part, form))
        if not self.heading and self._part_fields:
            first = self._part_fields[0][1]
            self.heading, self.intro = first.heading, first.intro

    # --- Checking -------------------------------------------------------------------

    def _asked(self, part):
        """Is ``part`` asked: not under an option, or under the option chosen?"""
        if not part.under:
            return True
        name, value = part.under
        if name not in self.fields:
            return True  # the question it follows up is not on this page
        chosen = self.cleaned_data.get(name)
        form_field = self.fields[name]
        if isinstance(form_field, YesNoField):
            chosen = form_field.as_data(chosen)
        return chosen == value

    def full_clean(self):
        self._errors = ErrorDict()
        if not self.is_bound:
            return
        self.cleaned_data = {}
        self.part_forms = []
        answers = dict(self.ctx.answers)
        for part in self.shown_parts:
            if not self._asked(part):
                continue
            form = part.form_class(data=self.data, ctx=replace(self.ctx, answers=dict(answers)))
            form.is_valid()
            for name, errors in form.errors.items():
                self._errors[name] = errors
            self.cleaned_data.update(form.cleaned_data)
            answers.update(form.cleaned_data)
            self.part_forms.append(form)

    def summary(self, cleaned):
        """The parts' rows in the order of the page, each naming the field its "Change"
        link should go to."""
        rows = []
        for form in self.part_forms:
            first = next(iter(form.fields), "")
            for label, value, *name in form.summary(form.cleaned_data):
                rows.append((label, value, name[0] if name else first))
        order = list(self.fields)
        return sorted(rows, key=lambda row: order.index(row[2]) if row[2] in order else 0)

    # --- Drawing ----------------------------------------------------------------------

    @cached_property
    def sections(self):
        """The page in sections (a part with a heading starts one), without the fields
        drawn under an option."""
        sections = [Section("", (), [])]
        for part, form in self._part_fields:
            if part.heading:
                sections.append(Section(form.heading or form.page_title, form.intro, []))
            if part.under and part.under[0] in self.fields:
                continue
            sections[-1].fields += [self[name] for name in form.fields]
        return [section for section in sections if section.heading or section.fields]

    @cached_property
    def follow_ups(self):
        """``{field: {option value: [bound fields]}}``: the questions under each option."""
        found = {}
        for part, form in self._part_fields:
            if part.under and part.under[0] in self.fields:
                name, value = part.under
                found.setdefault(name, {}).setdefault(value, [])
                found[name][value] += [self[each] for each in form.fields]
        return found
