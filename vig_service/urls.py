from django.contrib import admin
from django.urls import include, path

from referrals.views.public import service_list

from . import converters, views

converters.register()

admin.site.site_header = "VIG Service administration"
admin.site.site_title = "VIG Service admin"

urlpatterns = [
    path("", service_list, name="start"),
    path("health/", views.health, name="health"),
    path("", include("referrals.public_urls")),
    path("", include("pages.urls")),
    path("appointments/", include("scheduling.urls")),
    path("notify/", include("scheduling.callback_urls")),
    path("staff/referrals/", include("referrals.staff_urls")),
    path(
        "staff/programmes/<reference:reference>/visits/<uuid:visit_id>/films/",
        include("films.urls"),
    ),
    path("staff/programmes/", include("sessions.urls")),
    path("staff/reports/", include("reports.urls")),
    path("staff/supervision/", include("films.supervision_urls")),
    path("staff/tasks/", include("scheduling.staff_urls")),
    path("staff/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "vig_service.views.permission_denied"
handler404 = "vig_service.views.page_not_found"
handler500 = "vig_service.views.server_error"
