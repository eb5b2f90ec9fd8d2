"""Caseload, diary, case page and consent.

Families are named by their referral reference (``VIG-7KQ3-M2XD``), never an id.
"""

from django.urls import path, re_path

from referrals.staff_urls import REFERENCE

from .views import case, caseload, diary

FAMILY = rf"^(?P<reference>{REFERENCE})/"

urlpatterns = [
    path("", caseload.caseload, name="caseload"),
    path("diary/", diary.diary, name="diary"),
    re_path(r"^diary/(?P<day>\d{4}-\d{2}-\d{2})/$", diary.diary_day, name="diary_day"),
    re_path(rf"{FAMILY}$", case.case, name="case"),
]
