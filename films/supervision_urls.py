"""Supervision (namespace "supervision"), mounted at /staff/supervision/."""

from django.urls import path

from .views import supervision

app_name = "supervision"

urlpatterns = [
    path("", supervision.clips, name="clips"),
    path("clips/<uuid:clip_id>/", supervision.clip, name="clip"),
    path("sessions/add/", supervision.session_add, name="session_add"),
    path("progress/", supervision.my_progress, name="progress"),
]
