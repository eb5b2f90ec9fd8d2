"""The service's URLs plus two yardsticks for ``bench/pages.py``: a bare view behind
the same middleware, and the Django admin's changelist of the same referrals (which
the service itself does not register: staff work from the inbox)."""

from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from referrals.models import Referral
from vig_service.urls import handler403, handler404, handler500
from vig_service.urls import urlpatterns as service_urls

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    """What a team would build in ten minutes instead of the inbox."""

    list_display = ["reference", "status", "priority", "received_at", "team", "allocated_to"]
    list_filter = ["status", "priority"]
    # Its team is named with its service: joined, or the page asks once per row.
    list_select_related = ["team__service", "allocated_to"]
    search_fields = ["reference"]


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def signed_in(request):
    """The least a staff page does: signed in (session, user, second factor), then the
    NHS.UK page template with the header, navigation and nothing in it."""
    return render(request, "base.html")


# The admin's URLs again, now with the referrals registered (``vig_service.urls`` built
# its list before this module registered them); first, so they win.
urlpatterns = [
    path("bench/bare/", bare),
    path("staff/bench/signed-in/", signed_in),
    path("admin/", admin.site.urls),
    *service_urls,
]
