from django.urls import path

from . import views
from .pages import REPORTS

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("csds/", views.csds_extract, name="csds"),
    *(path(f"{slug}/", views.report, {"slug": slug}, name=slug) for slug in REPORTS),
]
