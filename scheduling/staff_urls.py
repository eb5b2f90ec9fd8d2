from django.urls import path

from .views import letters, tasks

app_name = "tasks"

urlpatterns = [
    path("", tasks.my_tasks, name="list"),
    path("<uuid:task_id>/done/", tasks.task_done, name="done"),
    path("letters/<uuid:letter_id>/", letters.letter, name="letter"),
]
