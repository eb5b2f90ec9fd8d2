"""Public: a family's appointment link. Staff: tasks (under /staff/tasks/)."""

from django.urls import path

from .views import appointments

app_name = "appointments"

urlpatterns = [
    path("<str:token>/", appointments.manage, name="manage"),
    path("<str:token>/calendar.ics", appointments.calendar, name="calendar"),
]
