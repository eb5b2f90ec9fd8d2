"""Caseload, diary, case page and consent.

Families are named by their referral reference (``VIG-7KQ3-M2XD``), never an id.
"""

from django.urls import re_path

from referrals.staff_urls import REFERENCE

from .views import case

FAMILY = rf"^(?P<reference>{REFERENCE})/"

urlpatterns = [
    re_path(rf"{FAMILY}$", case.case, name="case"),
]
