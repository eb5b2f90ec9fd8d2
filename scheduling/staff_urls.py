from django.urls import path

from .views import failed, letters, tasks

app_name = "tasks"

urlpatterns = [
    path("", tasks.my_tasks, name="list"),
    path("<uuid:task_id>/done/", tasks.task_done, name="done"),
    # Failed scheduled work and messages: the team lead's, to try again (ADR 0013).
    path("failed/", failed.failed, name="failed"),
    path("letters/<uuid:letter_id>/", letters.letter, name="letter"),
]
