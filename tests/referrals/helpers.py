"""Meaningful referral state for tests, made through the actions."""

import uuid
from datetime import date

from referrals.actions import CaregiverDetails, ChildDetails, ReferralDetails, submit_referral
from referrals.codes import ReferralSource
from referrals.models import Route


def make_referral(
    service,
    *,
    route=Route.SELF,
    last_name="Jones",
    postcode="SK1 3XE",
    date_of_birth=date(2025, 6, 1),
    due_date=None,
    nhs_number="",
    email="sam.jones@family.invalid",
    **details,
):
    children = [
        ChildDetails(
            first_name="Robin",
            last_name=last_name,
            date_of_birth=None if due_date else date_of_birth,
            due_date=due_date,
            nhs_number=nhs_number,
        )
    ]
    if route == Route.PROFESSIONAL:
        details = {
            "referrer_name": "Pat Midwife",
            "referrer_role": "Midwife",
            "referrer_organisation": "Northmoor Maternity",
            "referrer_email": "pat.midwife@nhs.invalid",
            "referrer_phone": "01614960000",
            "family_agreed": True,
            "relationship_need": "Finding it hard to feel close to the baby.",
            **details,
        }
    referral, _ = submit_referral(
        service=service,
        route=route,
        source=ReferralSource.SELF if route == Route.SELF else ReferralSource.MIDWIFE,
        caregiver=CaregiverDetails(
            first_name="Sam",
            last_name=last_name,
            relationship="mother",
            postcode=postcode,
            phone="07700900982",
            email=email,
            preferred_contact="phone",
        ),
        details=ReferralDetails(
            help_wanted="I want to feel more confident with my baby.",
            children=children,
            **details,
        ),
        submission_key=uuid.uuid4(),
    )
    return referral
