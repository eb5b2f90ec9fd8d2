"""The pages of each route's journey, in order, and when each applies.

A ``Step`` names its page (the last part of its address), its form, where its
answers sit on "Check your answers", and whether it applies given the answers so
far. ``FLOWS`` holds the self-referral and professional routes; a page's form may
be a ``GroupForm`` that asks several questions (``referrals.public_forms.pages``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .. import public_forms as pf
from ..models import Route

OTHER_ROLE = pf.OTHER_ROLE


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


def _always(ctx):
    return True


@dataclass(frozen=True)
class Step:
    name: str  # the last part of the page's address
    form_class: type
    section: str  # where its answers sit on "Check your answers"
    applies: Callable[[Context], bool] = _always  # given the earlier answers
    eligibility: bool = False  # one of the questions that decide eligibility
    lists_children: bool = False  # "Check your answers" lists the other children after it


def _answered(name, value):
    return lambda ctx: ctx.answers.get(name) == value


def _takes_unborn(ctx):
    return ctx.service.accepts_unborn


# --- Parents: one thing a page, except what belongs together --------------------------------

SELF_FLOW = [
    Step("postcode", pf.PostcodeForm, "family", eligibility=True),
    # Only a service that takes unborn babies asks: no one is offered what is then refused.
    Step("born", pf.BornForm, "children", applies=_takes_unborn, eligibility=True),
    Step("child", pf.ChildPage, "children", eligibility=True),
    Step("name", pf.NameForm, "family"),
    Step("relationship", pf.RelationshipPage, "family"),
    Step("contact", pf.ContactForm, "family"),
    Step("contact-preferences", pf.ContactPreferencesForm, "family"),
    Step("address", pf.AddressForm, "family"),
    Step("language", pf.LanguagePage, "family"),
    Step("other-children", pf.OtherChildrenForm, "children", lists_children=True),
    Step("help", pf.HelpWantedForm, "help"),
    Step("equality", pf.EqualityForm, "equality"),
    Step("ethnic-group", pf.EthnicGroupForm, "equality", applies=_answered("equality", True)),
    Step(
        "ethnic-background",
        pf.EthnicBackgroundForm,
        "equality",
        applies=lambda ctx: (
            ctx.answers.get("equality") is True
            and ctx.answers.get("ethnic_group") not in (None, "", "not_stated")
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

# --- Professionals: a page for each group of questions --------------------------------------

PROFESSIONAL_FLOW = [
    Step("about-you", pf.ReferrerPage, "referrer"),
    # Asked before anything about the family: without it we can't take the referral.
    Step("family-agreed", pf.FamilyAgreedForm, "referrer"),
    Step("eligibility", pf.EligibilityPage, "eligibility", eligibility=True),
    Step("family", pf.FamilyPage, "family"),
    Step("children", pf.ChildrenPage, "children", lists_children=True),
    # The list of children added, and "add another?", once they chose to add one.
    Step(
        "other-children",
        pf.OtherChildrenForm,
        "children",
        applies=_answered("other_children", True),
    ),
    Step("reason", pf.ReasonPage, "reason"),
    Step("risks", pf.RisksPage, "reason"),
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
        ("eligibility", "Where the family lives and the child's age"),
        ("family", "The parent or carer"),
        ("children", "The children"),
        ("reason", "The referral"),
    ],
}

# Where the child from the eligibility questions is named.
CHILD_STEP = {Route.SELF: "child", Route.PROFESSIONAL: "children"}

# On each route, details about the family begin at this page: they are what is
# forgotten when a family is not eligible or has not agreed to the referral.
FAMILY_START = {Route.SELF: "postcode", Route.PROFESSIONAL: "eligibility"}
