"""Supervision (namespace "supervision"), mounted at /staff/supervision/."""

from django.urls import path

from .views import marked, supervision

app_name = "supervision"

urlpatterns = [
    path("", supervision.clips, name="clips"),
    path("clips/<uuid:clip_id>/", supervision.clip, name="clip"),
    path("sessions/add/", supervision.session_add, name="session_add"),
    path("progress/", supervision.my_progress, name="progress"),
    # Clips marked for group supervision or training: the team's leads and supervisors.
    path("marked-clips/", marked.marked, name="marked"),
    path("marked-clips/<uuid:clip_id>/play/", marked.marked_play, name="marked_play"),
]
