"""The team's referral pages, under /staff/referrals/.

Referrals are named by their reference (``VIG-7KQ3-M2XD``, the ``<reference:…>``
converter registered in ``vig_service.converters``), never their id.
"""

from django.urls import path

from vig_service.converters import ReferenceConverter

from .views import staff as views

app_name = "referrals"

# The reference pattern, for URLconfs that still spell it as a regex.
REFERENCE = ReferenceConverter.regex

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("waiting-list/", views.waiting_list, name="waiting_list"),
    path("<reference:reference>/", views.referral_detail, name="detail"),
    path("<reference:reference>/triage/", views.triage_referral, name="triage"),
    path("<reference:reference>/allocate/", views.allocate_referral, name="allocate"),
    path(
        "<reference:reference>/duplicates/<reference:other_reference>/",
        views.compare_duplicates,
        name="compare",
    ),
    path(
        "<reference:reference>/duplicates/<reference:other_reference>/different/",
        views.different_families,
        name="different_families",
    ),
]
