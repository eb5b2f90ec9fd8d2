"""A public referral journey: its pages, their order, and the answers in the session.

Nothing about a family reaches the database until the person presses "Send";
until then their answers live in the Django session under one key per route and
service (``vig.referral.self.3``), so two tabs referring to two services never
mix. For each page we keep the answer as form data (already cleaned and
normalised), and work out everything else — which pages apply, which are done,
where "Continue" and "Back" go — by validating those answers again, page by
page, in order (``Journey.evaluate``). An answer that an earlier change made
wrong (a contact preference without the email it needs) is simply not done, so
"Change" links lead through exactly the pages that need another look.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone

from vig_service.forms import DateInputField

from . import public_forms as pf
from .actions import CaregiverDetails, ChildDetails, ReferralDetails
from .codes import PROFESSIONAL_ROLES, ReferralSource
from .eligibility import check
from .models import Relationship, Route
from .validation import format_nhs_number

SESSION_PREFIX = "vig.referral"
OTHER_ROLE = PROFESSIONAL_ROLES[-1][0].value


@dataclass
class Context:
    """What a page's form may depend on."""

    service: object
    route: str
    today: date
    answers: dict = field(default_factory=dict)
    children: list = field(default_factory=list)

    @property
    def professional(self):
        return self.route == Route.PROFESSIONAL


def _always(answers):
    return True


@dataclass(frozen=True)
class Step:
    name: str  # the last part of the page's address
    form_class: type
    section: str  # where its answers sit on "Check your answers"
    applies: Callable[[dict], bool] = _always
    eligibility: bool = False  # one of the questions that decide eligibility


def _answered(name, value):
    return lambda answers: answers.get(name) == value


ELIGIBILITY_STEPS = [
    Step("postcode", pf.PostcodeForm, "family", eligibility=True),
    Step("born", pf.BornForm, "children", eligibility=True),
    Step(
        "date-of-birth",
        pf.DateOfBirthForm,
        "children",
        applies=_answered("born", True),
        eligibility=True,
    ),
    Step(
        "due-date", pf.DueDateForm, "children", applies=_answered("born", False), eligibility=True
    ),
]

FAMILY_STEPS = [
    Step("name", pf.NameForm, "family"),
    Step("relationship", pf.RelationshipForm, "family"),
    Step(
        "relationship-other",
        pf.RelationshipOtherForm,
        "family",
        applies=_answered("relationship", Relationship.OTHER),
    ),
    Step("contact", pf.ContactForm, "family"),
    Step("contact-preferences", pf.ContactPreferencesForm, "family"),
    Step("language", pf.LanguageForm, "family"),
    Step("access-needs", pf.AccessNeedsForm, "family"),
    Step("address", pf.AddressForm, "family"),
    Step("child", pf.ChildForm, "children"),
    Step("other-children", pf.OtherChildrenForm, "children"),
]

SELF_FLOW = [
    *ELIGIBILITY_STEPS,
    *FAMILY_STEPS,
    Step("help", pf.HelpWantedForm, "help"),
    Step("equality", pf.EqualityForm, "equality"),
    Step("ethnic-group", pf.EthnicGroupForm, "equality", applies=_answered("equality", True)),
    Step(
        "ethnic-background",
        pf.EthnicBackgroundForm,
        "equality",
        applies=lambda a: (
            a.get("equality") is True and a.get("ethnic_group") not in (None, "", "not_stated")
        ),
    ),
    Step("gender", pf.GenderForm, "equality", applies=_answered("equality", True)),
    Step(
        "sexual-orientation",
        pf.SexualOrientationForm,
        "equality",
        applies=_answered("equality", True),
    ),
]

PROFESSIONAL_FLOW = [
    Step("about-you", pf.ReferrerForm, "referrer"),
    Step("role", pf.ReferrerRoleForm, "referrer"),
    Step(
        "job-title",
        pf.ReferrerRoleOtherForm,
        "referrer",
        applies=_answered("referrer_role", OTHER_ROLE),
    ),
    Step("work-contact", pf.ReferrerContactForm, "referrer"),
    Step("family-agreed", pf.FamilyAgreedForm, "referrer"),
    *ELIGIBILITY_STEPS,
    *FAMILY_STEPS,
    Step("help", pf.HelpWantedForm, "reason"),
    Step("relationship-need", pf.RelationshipNeedForm, "reason"),
    Step("other-professionals", pf.OtherProfessionalsForm, "reason"),
    Step("safeguarding", pf.SafeguardingForm, "reason"),
    Step(
        "safeguarding-details",
        pf.SafeguardingDetailsForm,
        "reason",
        applies=_answered("safeguarding", True),
    ),
]

FLOWS = {Route.SELF: SELF_FLOW, Route.PROFESSIONAL: PROFESSIONAL_FLOW}

SECTIONS = {
    Route.SELF: [
        ("family", "About you"),
        ("children", "Your children"),
        ("help", "What you would like help with"),
        ("equality", "Equality questions"),
    ],
    Route.PROFESSIONAL: [
        ("referrer", "About you"),
        ("family", "The parent or carer"),
        ("children", "The children"),
        ("reason", "The referral"),
    ],
}

# On these routes, family details begin at this page: they are what is forgotten
# when a family is not eligible or has not agreed to the referral.
FAMILY_START = "postcode"


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


class Journey:
    """One person's answers for one route into one service, kept in their session."""

    def __init__(self, request, service, route):
        self.request = request
        self.session = request.session
        self.service = service
        self.route = route
        self.flow = FLOWS[route]
        self.session_key = f"{SESSION_PREFIX}.{route}.{service.pk}"

    # --- State -----------------------------------------------------------------

    @property
    def state(self):
        return self.session.get(self.session_key) or {}

    def _write(self, state):
        self.session[self.session_key] = state
        self.session.modified = True

    @property
    def started(self):
        return bool(self.state)

    def start(self):
        """Begin (or carry on with) a journey; its submission key is made now, once."""
        if not self.started:
            self._write({"key": str(uuid.uuid4()), "steps": {}, "children": []})

    def restart(self):
        self.session.pop(self.session_key, None)
        self.start()

    @property
    def submission_key(self):
        return uuid.UUID(self.state["key"])

    @property
    def reference(self):
        return self.state.get("reference", "")

    @property
    def submitted(self):
        return bool(self.reference)

    def step(self, name):
        return next((step for step in self.flow if step.name == name), None)

    def saved_data(self, name):
        return self.state.get("steps", {}).get(name)

    def save(self, step, form):
        state = self.state
        state.setdefault("steps", {})[step.name] = form_data(form)
        state.pop("ineligible", None)
        self._write(state)

    def forget(self, name):
        state = self.state
        state.get("steps", {}).pop(name, None)
        self._write(state)

    def forget_family(self):
        """Drop everything about the family (kept: a professional's own details)."""
        state = self.state
        names = [step.name for step in self.flow]
        family = names[names.index(FAMILY_START) :]
        if self.route == Route.SELF:
            family = names
        state["steps"] = {k: v for k, v in state.get("steps", {}).items() if k not in family}
        state["children"] = []
        self._write(state)

    def not_eligible(self, reasons):
        self.forget_family()
        state = self.state
        state["ineligible"] = list(reasons)
        self._write(state)

    @property
    def ineligible_reasons(self):
        return self.state.get("ineligible", [])

    # Other children (brothers and sisters), kept as a list of form data.

    @property
    def other_children_data(self):
        return self.state.get("children", [])

    def save_child(self, form, index=None):
        state = self.state
        children = state.setdefault("children", [])
        if index is None:
            children.append(form_data(form))
        else:
            children[index] = form_data(form)
        self._write(state)

    def remove_child(self, index):
        state = self.state
        del state["children"][index]
        self._write(state)

    def finish(self, referral, *, emailed):
        """Sent: forget the answers, keep what the confirmation page shows."""
        self._write({"key": self.state["key"], "reference": referral.reference, "emailed": emailed})

    @property
    def emailed(self):
        return self.state.get("emailed", False)

    # --- Working out progress --------------------------------------------------------

    def context(self, answers=None, children=None):
        return Context(
            service=self.service,
            route=self.route,
            today=timezone.localdate(),
            answers=dict(answers or {}),
            children=list(children or []),
        )

    def child_form(self, data=None):
        return pf.OtherChildForm(data=data, ctx=self.context())

    def evaluate(self):
        progress = Progress()
        for data in self.other_children_data:
            form = self.child_form(data)
            if form.is_valid():
                progress.children.append(form.cleaned_data)
            else:
                progress.children_valid = False
        for step in self.flow:
            ctx = self.context(progress.answers, progress.children)
            if not step.applies(progress.answers):
                continue
            data = self.saved_data(step.name)
            form = step.form_class(data=data, ctx=ctx)
            complete = data is not None and form.is_valid()
            if step.name == "other-children":
                complete = complete and progress.children_valid
            progress.results.append(StepResult(step, form, complete))
            if not complete:
                break
            progress.answers.update(form.cleaned_data)
            if step.eligibility and not self._eligibility_steps_left(step, progress.answers):
                outcome = self.check_eligibility(progress.answers)
                if outcome is not None and not outcome.eligible:
                    progress.ineligible = outcome.reasons
                    break
        return progress

    def _eligibility_steps_left(self, current, answers):
        later = self.flow[self.flow.index(current) + 1 :]
        return any(step.eligibility and step.applies(answers) for step in later)

    def check_eligibility(self, answers):
        if "postcode" not in answers or "born" not in answers:
            return None
        born = answers["born"]
        date_of_birth = answers.get("date_of_birth") if born else None
        due_date = answers.get("due_date") if not born else None
        if date_of_birth is None and due_date is None:
            return None
        return check(
            self.service,
            postcode=answers["postcode"],
            date_of_birth=date_of_birth,
            due_date=due_date,
            today=timezone.localdate(),
        )

    # --- Addresses -------------------------------------------------------------------

    def url(self, name, **kwargs):
        return reverse(f"public:{self.route}_{name}", kwargs={"slug": self.service.slug, **kwargs})

    def step_url(self, name, *, change=False):
        url = self.url("step", step=name)
        return f"{url}?change=1" if change else url

    # --- Check your answers ---------------------------------------------------------

    def summary_sections(self, progress):
        """``[{"title", "rows", "add_child_url"}]``; a row has a label, a value, and links."""
        rows_by_section = {key: [] for key, _title in SECTIONS[self.route]}
        for result in progress.results:
            form = result.form
            for label, value in form.summary(form.cleaned_data):
                rows_by_section[result.step.section].append(
                    {
                        "label": label,
                        "value": value,
                        "change_url": self.step_url(result.step.name, change=True),
                    }
                )
            if result.step.name == "other-children":
                rows_by_section["children"].extend(self._other_children_rows(progress))
        can_add = len(progress.children) < pf.MAX_OTHER_CHILDREN
        return [
            {
                "title": title,
                "rows": rows_by_section[key],
                "add_child_url": self.url("add_child") + "?change=1"
                if key == "children" and can_add
                else "",
            }
            for key, title in SECTIONS[self.route]
            if rows_by_section[key]
        ]

    def _other_children_rows(self, progress):
        if not progress.children:
            return [{"label": "Other children", "value": "None added"}]
        rows = []
        for index, child in enumerate(progress.children):
            value = f"Born {pf.long_date(child['date_of_birth'])}"
            if child["nhs_number"]:
                value += f"\nNHS number {format_nhs_number(child['nhs_number'])}"
            rows.append(
                {
                    "label": f"{child['first_name']} {child['last_name']}".strip(),
                    "value": value,
                    "change_url": self.url("edit_child", index=index) + "?change=1",
                    "remove_url": self.url("remove_child", index=index) + "?change=1",
                }
            )
        return rows

    # --- What is sent ------------------------------------------------------------------

    def build(self, progress):
        """The answers as ``(source, CaregiverDetails, ReferralDetails)`` to submit."""
        a = progress.answers
        born = a["born"]
        children = [
            ChildDetails(
                first_name=a["child_first_name"],
                last_name=a["child_last_name"],
                date_of_birth=a["date_of_birth"] if born else None,
                due_date=None if born else a["due_date"],
                nhs_number=a.get("child_nhs_number", "") if born else "",
            )
        ]
        children += [
            ChildDetails(
                first_name=child["first_name"],
                last_name=child["last_name"],
                date_of_birth=child["date_of_birth"],
                nhs_number=child["nhs_number"],
            )
            for child in progress.children
        ]
        caregiver = CaregiverDetails(
            first_name=a["first_name"],
            last_name=a["last_name"],
            relationship=a["relationship"],
            relationship_other=a.get("relationship_other", ""),
            pronouns=a["pronouns"],
            postcode=a["postcode"],
            phone=a["phone"],
            email=a["email"],
            preferred_contact=a["preferred_contact"],
            safe_to_leave_message=a["safe_to_leave_message"],
            address=a["address"],
            language=a["language"],
            interpreter_needed=a["interpreter_needed"],
            access_needs=a["access_needs"],
            **self._equality(a),
        )
        details = ReferralDetails(help_wanted=a["help_wanted"], children=children)
        if self.route == Route.SELF:
            return ReferralSource.SELF, caregiver, details
        role = a["referrer_role"]
        details.relationship_need = a["relationship_need"]
        details.other_professionals = a["other_professionals"]
        details.safeguarding_concerns = a["safeguarding_concerns"] if a["safeguarding"] else ""
        details.referrer_name = a["referrer_name"]
        details.referrer_role = (
            a["referrer_role_other"] if role == OTHER_ROLE else pf.ROLE_LABELS[role]
        )
        details.referrer_organisation = a["referrer_organisation"]
        details.referrer_email = a["referrer_email"]
        details.referrer_phone = a["referrer_phone"]
        details.family_agreed = a["family_agreed"] is True
        return ReferralSource(role), caregiver, details

    @staticmethod
    def _equality(a):
        if not a.get("equality"):
            return {}
        group = a.get("ethnic_group", "")
        ethnicity = "Z" if group == "not_stated" else a.get("ethnicity", "")
        return {
            "ethnicity": ethnicity,
            "gender": a.get("gender", ""),
            "sexual_orientation": a.get("sexual_orientation", ""),
        }
