"""Caseload, diary, case page and consent.

Families are named by their referral reference (``VIG-7KQ3-M2XD``), never an id;
a withdrawal by the moment it was recorded.
"""

from django.urls import path, re_path

from consent import views as consent_views
from referrals.staff_urls import REFERENCE

from .views import case, caseload, diary

FAMILY = rf"^(?P<reference>{REFERENCE})/"
WITHDRAWAL = r"(?P<stamp>\d{8}T\d{12}Z)"

urlpatterns = [
    path("", caseload.caseload, name="caseload"),
    path("diary/", diary.diary, name="diary"),
    re_path(r"^diary/(?P<day>\d{4}-\d{2}-\d{2})/$", diary.diary_day, name="diary_day"),
    re_path(rf"{FAMILY}$", case.case, name="case"),
    re_path(rf"{FAMILY}consent/$", consent_views.record, name="consent_record"),
    re_path(rf"{FAMILY}consent/withdraw/$", consent_views.withdraw, name="consent_withdraw"),
    re_path(
        rf"{FAMILY}consent/withdrawals/{WITHDRAWAL}/$",
        consent_views.withdrawn,
        name="consent_withdrawn",
    ),
    re_path(
        rf"{FAMILY}consent/withdrawals/{WITHDRAWAL}/letter/$",
        consent_views.withdrawal_letter,
        name="consent_withdrawal_letter",
    ),
    re_path(rf"{FAMILY}consent/history/$", consent_views.consent_history, name="consent_history"),
]
