"""Public pages (no sign-in). The addresses are printed on leaflets: keep them stable.

``/services/<slug>/`` describes a service; ``/refer/`` is self-referral and
``/refer/professional/`` professional referral, each choosing the service first
when more than one takes that kind of referral. ``/`` (the list of services) is
named "start" in the project's URLs.
"""

from django.urls import path

from .models import Route
from .views import public as views

app_name = "public"


def journey_urls(prefix, route):
    """The pages of one route's journey, named ``public:<route>_<page>``."""
    extra = {"route": route}
    base = f"{prefix}<slug:slug>/"
    return [
        path(base, views.start, extra, name=f"{route}_start"),
        path(f"{base}check-your-answers/", views.check_answers, extra, name=f"{route}_check"),
        path(f"{base}confirmation/", views.confirmation, extra, name=f"{route}_confirmation"),
        path(f"{base}not-eligible/", views.not_eligible, extra, name=f"{route}_not_eligible"),
        path(f"{base}family-has-not-agreed/", views.not_agreed, extra, name=f"{route}_not_agreed"),
        path(f"{base}another-child/", views.add_child, extra, name=f"{route}_add_child"),
        path(
            f"{base}another-child/<int:index>/",
            views.edit_child,
            extra,
            name=f"{route}_edit_child",
        ),
        path(
            f"{base}another-child/<int:index>/remove/",
            views.remove_child,
            extra,
            name=f"{route}_remove_child",
        ),
        path(f"{base}<slug:step>/", views.step, extra, name=f"{route}_step"),
    ]


urlpatterns = [
    path("services/<slug:slug>/", views.service_page, name="service"),
    path("refer/", views.choose_service, {"route": Route.SELF}, name="refer"),
    path(
        "refer/professional/",
        views.choose_service,
        {"route": Route.PROFESSIONAL},
        name="refer_professional",
    ),
    *journey_urls("refer/professional/", Route.PROFESSIONAL),
    *journey_urls("refer/", Route.SELF),
]
