"""One person's answers for one route into one service, kept in their session."""

import uuid

from django.urls import reverse
from django.utils import timezone

from .. import public_forms as pf
from ..eligibility import check
from .flows import FAMILY_START, FLOWS, Context
from .progress import Progress, StepResult, form_data

SESSION_PREFIX = "vig.referral"


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
        family = names[names.index(FAMILY_START[self.route]) :]
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
            if not step.applies(ctx):
                continue
            data = self.saved_data(step.name)
            form = step.form_class(data=data, ctx=ctx)
            complete = data is not None and form.is_valid()
            if step.lists_children:
                complete = complete and progress.children_valid
            progress.results.append(StepResult(step, form, complete))
            if not complete:
                break
            progress.answers.update(form.cleaned_data)
            if step.eligibility and not self._eligibility_steps_left(step, progress):
                outcome = self.check_eligibility(progress.answers)
                if outcome is not None and not outcome.eligible:
                    progress.ineligible = outcome.reasons
                    break
        return progress

    def _eligibility_steps_left(self, current, progress):
        later = self.flow[self.flow.index(current) + 1 :]
        ctx = self.context(progress.answers, progress.children)
        return any(step.eligibility and step.applies(ctx) for step in later)

    @property
    def first_eligibility_step(self):
        return next(step for step in self.flow if step.eligibility)

    @property
    def children_step(self):
        """The page after which the other children are listed (and added from)."""
        return next(step for step in self.flow if step.lists_children)

    def check_eligibility(self, answers):
        if "postcode" not in answers:
            return None
        born = answers.get("born", True)  # not asked: the service only takes born children
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
