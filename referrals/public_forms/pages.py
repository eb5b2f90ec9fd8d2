"""The pages that ask several questions at once, built from the one-question forms.

Parents get one thing a page, except what naturally belongs together: the child's
name and date of birth; a relationship "in your own words" under "Other"; language
and access needs. Professionals, who refer often, get a page for each group: about
them; whether we can help (postcode, born yet, date of birth or due date); the
parent or carer and their contact details; the children; the reason; other
professionals and risks.
"""

from ..models import Relationship
from .base import MAX_OTHER_CHILDREN
from .caregiver import (
    AccessNeedsForm,
    AddressForm,
    ContactForm,
    ContactPreferencesOnPage,
    LanguageForm,
    NameForm,
    RelationshipForm,
    RelationshipOtherForm,
)
from .children import AddChildQuestionForm, ChildForm
from .eligibility import BornForm, DateOfBirthForm, DueDateForm, PostcodeForm
from .group import GroupForm, Part
from .help_wanted import HelpWantedForm
from .professional import (
    OTHER_ROLE,
    OtherProfessionalsForm,
    ReferrerContactForm,
    ReferrerForm,
    ReferrerRoleForm,
    ReferrerRoleOtherForm,
    RelationshipNeedForm,
    SafeguardingDetailsForm,
    SafeguardingForm,
)


def _takes_unborn(ctx):
    return ctx.service.accepts_unborn


def _born(ctx):
    """Asked for a date of birth: the child is born, or the service only takes born children."""
    return not ctx.service.accepts_unborn or ctx.answers.get("born") is not False


def _unborn(ctx):
    return ctx.service.accepts_unborn and ctx.answers.get("born") is False


def _can_add_children(ctx):
    return len(ctx.children) < MAX_OTHER_CHILDREN


DATE_OF_BIRTH_LABEL = {"date_of_birth": ("Date of birth", "Date of birth")}
DUE_DATE_LABEL = {"due_date": ("Due date", "Due date")}
CHILD_DATE_OF_BIRTH_LABEL = {"date_of_birth": ("", "The child's date of birth")}
BABY_DUE_DATE_LABEL = {"due_date": ("", "The baby's due date")}

# --- Both routes ----------------------------------------------------------------------------


class RelationshipPage(GroupForm):
    """The relationship, and "in your own words" under "Other"."""

    page_heading_field = "relationship"
    parts = (
        Part(RelationshipForm),
        Part(RelationshipOtherForm, under=("relationship", Relationship.OTHER.value)),
    )


# --- Parents ----------------------------------------------------------------------------------


class ChildPage(GroupForm):
    """The child's name and date of birth (or the baby's due date and any name chosen)."""

    parts = (
        Part(ChildForm),
        Part(DateOfBirthForm, shown=_born, labels=DATE_OF_BIRTH_LABEL),
        Part(DueDateForm, shown=_unborn, labels=DUE_DATE_LABEL),
    )

    def setup(self):
        super().setup()
        order = ["child_first_name", "child_last_name", "date_of_birth", "due_date"]
        self.order_fields(order)  # the NHS number, if asked, comes last


class LanguagePage(GroupForm):
    parts = (Part(LanguageForm), Part(AccessNeedsForm))

    def setup(self):
        super().setup()
        self.heading = self.you("Language and access needs", "The family's language and needs")
        self.intro = ()


# --- Professionals ----------------------------------------------------------------------------


class ReferrerPage(GroupForm):
    heading = "About you"
    parts = (
        Part(ReferrerForm),
        Part(ReferrerRoleForm),
        Part(ReferrerRoleOtherForm, under=("referrer_role", OTHER_ROLE)),
        Part(ReferrerContactForm, heading=True),
    )


class EligibilityPage(GroupForm):
    """What decides whether the service can help, asked first: nothing is asked about
    the family until we know. A service that does not take unborn babies never asks."""

    parts = (
        Part(PostcodeForm),
        Part(BornForm, shown=_takes_unborn),
        Part(DateOfBirthForm, under=("born", "yes"), labels=CHILD_DATE_OF_BIRTH_LABEL),
        Part(DueDateForm, shown=_takes_unborn, under=("born", "no"), labels=BABY_DUE_DATE_LABEL),
    )

    def setup(self):
        super().setup()
        self.heading = "Where the family lives and the child's age"
        self.intro = (
            f"We ask these first, so you know straight away whether {self.ctx.service.name} "
            "can help.",
        )


class FamilyPage(GroupForm):
    heading = "The parent or carer"
    parts = (
        Part(NameForm),
        Part(RelationshipForm),
        Part(RelationshipOtherForm, under=("relationship", Relationship.OTHER.value)),
        Part(ContactForm, heading=True),
        Part(ContactPreferencesOnPage),
        Part(AddressForm),
        Part(LanguageForm, heading=True),
        Part(AccessNeedsForm),
    )


class ChildrenPage(GroupForm):
    """The child's name and NHS number, and whether to add brothers and sisters."""

    parts = (Part(ChildForm), Part(AddChildQuestionForm, shown=_can_add_children))


class ReasonPage(GroupForm):
    heading = "The reason for the referral"
    parts = (Part(HelpWantedForm), Part(RelationshipNeedForm))


class RisksPage(GroupForm):
    heading = "Other professionals and risks"
    parts = (
        Part(OtherProfessionalsForm),
        Part(SafeguardingForm),
        Part(SafeguardingDetailsForm, under=("safeguarding", "yes")),
    )
