"""The Django admin for service administrators.

The admin sits behind the same sign-in and second factor as the staff pages
(``accounts.middleware.StaffAccessMiddleware``), so its own login page only
sends people to ours. Using the admin also needs ``is_staff``.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .actions import announce_new_staff
from .models import AuditEvent, Service, Team, User
from .permissions import may_configure_service


def admin_login(request, extra_context=None):
    """Replaces the admin's login page with the staff sign-in (and its 2FA)."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    next_url = next_url or reverse("admin:index")
    user = request.user
    if user.is_authenticated and user.is_active:
        if not admin.site.has_permission(request):
            # Fully signed in, but not an administrator: sending them to sign
            # in again would only loop.
            raise PermissionDenied
        return redirect(next_url)
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


admin.site.login = admin_login
# Only those whose role configures the service use the admin (and only with is_staff).
admin.site.has_permission = may_configure_service


class StaffUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "role", "team", "accreditation_stage", "supervisor")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class StaffUserChangeForm(BaseUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = StaffUserChangeForm
    add_form = StaffUserCreationForm

    list_display = ("email", "full_name", "role", "team", "accreditation_stage", "is_active")
    list_filter = ("role", "accreditation_stage", "is_active", "is_staff", "team__service")
    list_select_related = ("team__service",)
    search_fields = ("email", "full_name")
    ordering = ("full_name", "email")
    autocomplete_fields = ("team", "supervisor")
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ("groups", "user_permissions")

    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("About this person", {"fields": ("full_name", "role", "team")}),
        ("VIG training", {"fields": ("accreditation_stage", "supervisor")}),
        (
            "Access",
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "description": "Staff status lets someone use this admin site.",
            },
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if not change:
                announce_new_staff(user=obj, by=request.user)

    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "role",
                    "team",
                    "accreditation_stage",
                    "supervisor",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "self_referral_open",
        "professional_referral_open",
        "waiting_target_weeks",
    )
    # The settings page in the groups administrators think in. A field added to
    # Service later and not placed here still shows, under "Other settings".
    groups = (
        (None, ("name", "slug", "description"), ""),
        (
            "Eligibility",
            (
                "eligible_areas",
                "max_child_age_months",
                "accepts_unborn",
                "requires_relationship_need",
            ),
            "Who the service can help. The referral forms check these.",
        ),
        (
            "Referral routes",
            ("self_referral_open", "professional_referral_open", "waiting_target_weeks"),
            "Who can refer families online, and how long families should wait.",
        ),
        ("Programme", ("default_programme_visits",), ""),
        (
            "Films",
            (),
            "Films are deleted {film_retention}, or straight away when a parent withdraws consent.",
        ),
        (
            "Messages",
            ("contact_phone", "contact_email"),
            "How families reach the service. Shown on its pages, and in emails and letters.",
        ),
    )

    def get_fieldsets(self, request, obj=None):
        from django.conf import settings

        # The same for every service: a setting of the whole site.
        days = getattr(settings, "FILM_RETENTION_DAYS", 60)
        retention = f"{days} days after a family's programme ends (the FILM_RETENTION_DAYS setting)"
        present = {field.name for field in Service._meta.get_fields() if field.concrete}
        present.discard("id")
        placed, fieldsets = set(), []
        for name, fields, description in self.groups:
            fields = tuple(field for field in fields if field in present)
            placed.update(fields)
            if fields or description:
                options = {"fields": fields}
                if description:
                    options["description"] = description.format(film_retention=retention)
                fieldsets.append((name, options))
        others = tuple(sorted(present - placed))
        if others:
            fieldsets.append(("Other settings", {"fields": others}))
        return fieldsets

    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "service")
    list_filter = ("service",)
    list_select_related = ("service",)
    search_fields = ("name", "service__name")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only, even for administrators."""

    list_display = (
        "created_at",
        "actor_label",
        "action_label",
        "target_type",
        "target_id",
        "family_reference",
        "ip_address",
    )
    list_filter = ("action",)
    search_fields = ("actor_label", "family_reference", "target_id")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]
    show_full_result_count = False

    @admin.display(description="Action")
    def action_label(self, obj):
        return obj.action_label

    def get_queryset(self, request):
        return AuditEvent.objects.visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
