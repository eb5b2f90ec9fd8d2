"""Consent pages of a family's programme: /staff/programmes/<reference>/consent/…

Included from ``sessions.urls`` under the family's reference, so the names are in
the "programmes" namespace (``programmes:consent_record`` and so on). A
withdrawal is named by the moment it was recorded (``<stamp:…>``).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.record, name="consent_record"),
    path("withdraw/", views.withdraw, name="consent_withdraw"),
    path("withdrawals/<stamp:stamp>/", views.withdrawn, name="consent_withdrawn"),
    path(
        "withdrawals/<stamp:stamp>/letter/",
        views.withdrawal_letter,
        name="consent_withdrawal_letter",
    ),
    path("history/", views.consent_history, name="consent_history"),
]
