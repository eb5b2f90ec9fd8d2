"""The team's referral pages, under /staff/referrals/.

Referrals are named by their reference (``VIG-7KQ3-M2XD``), never their id.
"""

from django.urls import path, re_path

from . import staff_views as views

app_name = "referrals"

REFERENCE = r"VIG-[A-Z0-9]{4}-[A-Z0-9]{4}"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("waiting-list/", views.waiting_list, name="waiting_list"),
    re_path(rf"^(?P<reference>{REFERENCE})/$", views.referral_detail, name="detail"),
    re_path(rf"^(?P<reference>{REFERENCE})/triage/$", views.triage_referral, name="triage"),
    re_path(rf"^(?P<reference>{REFERENCE})/allocate/$", views.allocate_referral, name="allocate"),
    re_path(
        rf"^(?P<reference>{REFERENCE})/duplicates/(?P<other_reference>{REFERENCE})/$",
        views.compare_duplicates,
        name="compare",
    ),
]
