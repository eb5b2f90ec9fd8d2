"""The questions of the public referral forms, one small form per page.

Every form is built with a ``ctx`` (see ``referrals.journey.Context``): the
service, whether a parent or a professional is answering, today's date and the
answers given on earlier pages. Wording follows who is answering ("your
postcode" or "the family's postcode"); error messages follow the NHS content
style — they say what to do, never "This field is required."

``summary(cleaned)`` gives the rows a form contributes to "Check your answers".

- ``base``: field helpers with NHS messages, ``StepForm``, the send button's form
- ``eligibility``: choosing the service; postcode, born yet, date of birth, due date
- ``caregiver``: the parent or carer
- ``children``: the child, and other children in the family
- ``help_wanted``: what the family would like help with
- ``equality``: optional equality monitoring (parents only)
- ``professional``: the referrer, the family's agreement, the need, safeguarding
- ``group``: ``GroupForm``, a page of several of these forms (``Part``)
- ``pages``: the pages that ask several questions at once
"""

from .base import (
    MAX_OTHER_CHILDREN,
    StepForm,
    SubmitForm,
    YesNoField,
    add_months,
    long_date,
)
from .caregiver import (
    AccessNeedsForm,
    AddressForm,
    ContactForm,
    ContactPreferencesForm,
    ContactPreferencesOnPage,
    LanguageForm,
    NameForm,
    RelationshipForm,
    RelationshipOtherForm,
)
from .children import AddChildQuestionForm, ChildForm, OtherChildForm, OtherChildrenForm
from .eligibility import (
    BornForm,
    DateOfBirthForm,
    DueDateForm,
    PostcodeForm,
    ServiceChoiceForm,
)
from .equality import (
    EqualityForm,
    EthnicBackgroundForm,
    EthnicGroupForm,
    GenderForm,
    SexualOrientationForm,
)
from .group import GroupForm, Part
from .help_wanted import HelpWantedForm
from .pages import (
    ChildPage,
    ChildrenPage,
    EligibilityPage,
    FamilyPage,
    LanguagePage,
    ReasonPage,
    ReferrerPage,
    RelationshipPage,
    RisksPage,
)
from .professional import (
    OTHER_ROLE,
    ROLE_LABELS,
    FamilyAgreedForm,
    OtherProfessionalsForm,
    ReferrerContactForm,
    ReferrerForm,
    ReferrerRoleForm,
    ReferrerRoleOtherForm,
    RelationshipNeedForm,
    SafeguardingDetailsForm,
    SafeguardingForm,
)

__all__ = [
    "MAX_OTHER_CHILDREN",
    "OTHER_ROLE",
    "ROLE_LABELS",
    "AccessNeedsForm",
    "AddChildQuestionForm",
    "AddressForm",
    "BornForm",
    "ChildForm",
    "ChildPage",
    "ChildrenPage",
    "ContactForm",
    "ContactPreferencesForm",
    "ContactPreferencesOnPage",
    "DateOfBirthForm",
    "DueDateForm",
    "EligibilityPage",
    "EqualityForm",
    "EthnicBackgroundForm",
    "EthnicGroupForm",
    "FamilyAgreedForm",
    "FamilyPage",
    "GenderForm",
    "GroupForm",
    "HelpWantedForm",
    "LanguageForm",
    "LanguagePage",
    "NameForm",
    "OtherChildForm",
    "OtherChildrenForm",
    "OtherProfessionalsForm",
    "Part",
    "PostcodeForm",
    "ReasonPage",
    "ReferrerContactForm",
    "ReferrerForm",
    "ReferrerPage",
    "ReferrerRoleForm",
    "ReferrerRoleOtherForm",
    "RelationshipForm",
    "RelationshipNeedForm",
    "RelationshipOtherForm",
    "RelationshipPage",
    "RisksPage",
    "SafeguardingDetailsForm",
    "SafeguardingForm",
    "ServiceChoiceForm",
    "SexualOrientationForm",
    "StepForm",
    "SubmitForm",
    "YesNoField",
    "add_months",
    "long_date",
]
