"""Public information pages (linked from every footer) and the staff feedback page.

Included at the root: ``/privacy/``, ``/accessibility/``, ``/cookies/``,
``/contact/``, ``/feedback/`` and ``/staff/feedback/``.
"""

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("contact/", views.contact, name="contact"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/thank-you/", views.feedback_thanks, name="feedback_thanks"),
    path("staff/feedback/", views.staff_feedback, name="staff_feedback"),
]
