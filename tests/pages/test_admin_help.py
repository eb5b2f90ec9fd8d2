"""The admin for service administrators: every field says what it is for, in plain
words, and the service settings come in the groups administrators think in."""

from datetime import date

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.admin import ServiceAdmin
from accounts.audit import record
from accounts.models import AuditAction, Role, Service
from consent.models import ConsentFormVersion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"accounts", "referrals", "consent"}


@pytest.fixture
def administrator(db):
    return UserFactory(
        email="admin@trust.invalid",
        role=Role.SERVICE_ADMIN,
        team=None,
        is_staff=True,
        is_superuser=True,
    )


def registered():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS
    ]


def test_our_registered_models_are_the_ones_expected():
    names = {model._meta.label for model, _ in registered()}
    assert {"accounts.User", "accounts.Service", "accounts.Team", "consent.ConsentFormVersion"} <= (
        names
    )


@pytest.fixture
def one_of_each(administrator, team):
    """A saved row of every registered model, for its change page."""
    record(AuditAction.SIGN_IN, actor=administrator)
    ConsentFormVersion.objects.create(
        service=team.service, version="1.0", effective_from=date(2026, 1, 1), text="Words."
    )


@pytest.mark.parametrize("add", [False, True], ids=["change", "add"])
def test_every_field_an_administrator_sees_has_help_text(administrator, one_of_each, add):
    request = RequestFactory().get("/admin/")
    request.user = administrator
    missing = []
    for model, model_admin in registered():
        if add and not model_admin.has_add_permission(request):
            continue
        obj = None if add else model._default_manager.first()
        assert add or obj is not None, model
        form = model_admin.get_form(request, obj)
        shown = [
            name
            for _, options in model_admin.get_fieldsets(request, obj)
            for name in options["fields"]
        ]
        for name in shown:
            form_field = form.base_fields.get(name)
            help_text = form_field.help_text if form_field is not None else ""
            if not help_text:
                try:
                    help_text = model._meta.get_field(name).help_text
                except Exception:  # noqa: BLE001 — an admin-only field: the form's help is all
                    help_text = ""
            if not str(help_text).strip():
                missing.append(f"{model._meta.label}.{name}")
    assert missing == []


def test_every_field_of_our_registered_models_has_help_text():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, _ in registered()
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and field.name != "password"
        if not str(field.help_text).strip()
    ]
    assert missing == []


def test_the_service_settings_page_groups_its_fields(staff_client, administrator, team):
    response = staff_client(administrator).get(
        reverse("admin:accounts_service_change", args=[team.service.pk])
    )
    assert response.status_code == 200
    names = [name for name, _ in response.context["adminform"].fieldsets]
    assert names == [None, "Eligibility", "Referral routes", "Programme", "Films", "Messages"]
    fieldsets = dict(response.context["adminform"].fieldsets)
    assert fieldsets["Eligibility"]["fields"] == (
        "eligible_areas",
        "max_child_age_months",
        "accepts_unborn",
        "requires_relationship_need",
    )
    assert fieldsets["Messages"]["fields"] == ("contact_phone", "contact_email")
    assert "60 days after a family's programme ends" in fieldsets["Films"]["description"]
    html = response.content.decode()
    assert "The number families call." in html
    assert "Films are deleted 60 days after" in html


def test_every_service_field_is_on_the_page_even_one_added_later(administrator, monkeypatch):
    request = RequestFactory().get("/admin/")
    request.user = administrator
    model_admin = ServiceAdmin(Service, admin.site)
    shown = {
        name for _, options in model_admin.get_fieldsets(request) for name in options["fields"]
    }
    concrete = {f.name for f in Service._meta.get_fields() if f.concrete and f.name != "id"}
    assert shown == concrete
    # A field nobody placed in a group still shows, under "Other settings".
    monkeypatch.setattr(ServiceAdmin, "groups", ServiceAdmin.groups[:-1])
    fieldsets = dict(ServiceAdmin(Service, admin.site).get_fieldsets(request))
    assert fieldsets["Other settings"]["fields"] == ("contact_email", "contact_phone")


def test_a_service_saves_from_the_grouped_page(staff_client, administrator):
    client = staff_client(administrator)
    response = client.post(
        reverse("admin:accounts_service_add"),
        {
            "name": "Riverside VIG",
            "slug": "riverside",
            "description": "",
            "eligible_areas": "RV1",
            "max_child_age_months": "24",
            "accepts_unborn": "on",
            "self_referral_open": "on",
            "waiting_target_weeks": "12",
            "default_programme_visits": "8",
            "contact_phone": "01632 960 202",
            "contact_email": "vig@riverside.example",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    service = Service.objects.get(slug="riverside")
    assert (service.accepts_unborn, service.professional_referral_open) == (True, False)
