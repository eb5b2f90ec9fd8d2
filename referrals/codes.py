"""NHS code lists used by referrals (Community Services Data Set, DOMAIN.md)."""

from django.db import models


class ReferralSource(models.TextChoices):
    """CSDS source of referral (CYP101). Values are the CSDS codes."""

    SELF = "B1", "Self-referral"
    CARER = "B2", "Carer or relative"
    GP = "A1", "GP"
    HEALTH_VISITOR = "A2", "Health visitor"
    MIDWIFE = "A4", "Midwife or maternity service"
    SOCIAL_CARE = "C1", "Social care"
    EDUCATION = "C2", "Education"
    VOLUNTARY = "G4", "Voluntary sector"
    INTERNAL = "P1", "Internal (within this service)"
    OTHER = "M6", "Other"


# What a referring professional picks from, mapped to CSDS sources.
PROFESSIONAL_ROLES = [
    (ReferralSource.HEALTH_VISITOR, "Health visitor"),
    (ReferralSource.MIDWIFE, "Midwife"),
    (ReferralSource.GP, "GP"),
    (ReferralSource.SOCIAL_CARE, "Social worker or social care"),
    (ReferralSource.EDUCATION, "Early years or education"),
    (ReferralSource.VOLUNTARY, "Voluntary or community organisation"),
    (ReferralSource.OTHER, "Other professional"),
]


class Priority(models.IntegerChoices):
    """CSDS referral priority."""

    ROUTINE = 1, "Routine"
    URGENT = 2, "Urgent"


class EthnicCategory(models.TextChoices):
    """NHS ethnic category codes."""

    WHITE_BRITISH = "A", "White – British"
    WHITE_IRISH = "B", "White – Irish"
    WHITE_OTHER = "C", "Any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = "D", "Mixed – White and Black Caribbean"
    MIXED_WHITE_BLACK_AFRICAN = "E", "Mixed – White and Black African"
    MIXED_WHITE_ASIAN = "F", "Mixed – White and Asian"
    MIXED_OTHER = "G", "Any other mixed background"
    INDIAN = "H", "Asian or Asian British – Indian"
    PAKISTANI = "J", "Asian or Asian British – Pakistani"
    BANGLADESHI = "K", "Asian or Asian British – Bangladeshi"
    ASIAN_OTHER = "L", "Any other Asian background"
    CARIBBEAN = "M", "Black or Black British – Caribbean"
    AFRICAN = "N", "Black or Black British – African"
    BLACK_OTHER = "P", "Any other Black background"
    CHINESE = "R", "Chinese"
    OTHER = "S", "Any other ethnic group"
    NOT_STATED = "Z", "Prefer not to say"


WAITING_BANDS = [
    # (label, from days, to days inclusive) — NHS England's community health services
    # waiting-list bands, by whole days waited (REPORTS.md): 7 days is still "0 to 1".
    ("0 to 1 weeks", 0, 7),
    ("1 to 2 weeks", 8, 14),
    ("2 to 4 weeks", 15, 28),
    ("4 to 12 weeks", 29, 84),
    ("12 to 18 weeks", 85, 126),
    ("18 to 52 weeks", 127, 364),
    ("52 weeks or more", 365, None),
]


def waiting_band(days):
    """The national band for ``days`` whole days waited."""
    for label, low, high in WAITING_BANDS:
        if days >= low and (high is None or days <= high):
            return label
    return WAITING_BANDS[0][0]
