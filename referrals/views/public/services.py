"""The list of services, a service's page, and choosing a service to refer to."""

import logging

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.models import Service

from ...eligibility import describe_age_limit, parse_areas
from ...models import Route
from ...public_forms import ServiceChoiceForm
from .common import OPEN_FLAG

logger = logging.getLogger(__name__)


def _join_or(items):
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def who_it_is_for(service):
    """The service's eligibility configuration in words, one line per rule."""
    lines = []
    try:
        areas = parse_areas(service.eligible_areas)
    except ValidationError:  # the admin checks the areas; never break a public page
        logger.exception("Service %s has eligible areas that cannot be read", service.slug)
        areas = []
    if areas:
        lines.append(f"live in the {_join_or(areas)} postcode area{'s' if len(areas) > 1 else ''}")
    limit = describe_age_limit(service.max_child_age_months)
    child = "a baby or child" if service.max_child_age_months <= 24 else "a child"
    if service.accepts_unborn:
        lines.append(f"have {child} {limit}, or are expecting a baby")
    else:
        lines.append(f"have {child} {limit}")
    if service.requires_relationship_need:
        lines.append(
            "have an identified need in the relationship between parent and baby, noticed by "
            "a professional such as a health visitor, midwife or GP"
        )
    return lines


@require_http_methods(["GET", "HEAD"])
def service_list(request):
    return render(request, "start.html", {"services": Service.objects.all()})


@require_http_methods(["GET", "HEAD"])
def service_page(request, slug):
    service = get_object_or_404(Service, slug=slug)
    return render(
        request,
        "referrals/public/service.html",
        {"service": service, "who_it_is_for": who_it_is_for(service)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def choose_service(request, route):
    professional = route == Route.PROFESSIONAL
    services = list(Service.objects.filter(**{OPEN_FLAG[route]: True}))
    if not services:
        return render(
            request,
            "referrals/public/no_services.html",
            {"services": Service.objects.all(), "professional": professional},
        )
    start_name = f"public:{route}_start"
    if len(services) == 1:
        return redirect(start_name, slug=services[0].slug)
    form = ServiceChoiceForm(
        request.POST if request.method == "POST" else None,
        services=services,
        professional=professional,
    )
    if form.is_valid():
        return redirect(start_name, slug=form.cleaned_data["service"])
    return render(
        request,
        "referrals/public/choose_service.html",
        {
            "form": form,
            "professional": professional,
            "services": [(service, who_it_is_for(service)) for service in services],
        },
    )
