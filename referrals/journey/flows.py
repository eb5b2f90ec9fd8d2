"""The pages of each route's journey, in order, and when each applies.

A ``Step`` names its page (the last part of its address), its form, where its
answers sit on "Check your answers", and whether it applies given the answers so
far. ``FLOWS`` holds the self-referral and professional routes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .. import public_forms as pf
from ..codes import PROFESSIONAL_ROLES
from ..models import Relationship, Route

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
