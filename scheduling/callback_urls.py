from django.urls import path

from .views import callbacks

app_name = "notify"

urlpatterns = [path("callback/", callbacks.notify_status, name="callback")]
