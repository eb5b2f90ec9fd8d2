from django.contrib import admin

from .models import ConsentFormVersion


@admin.register(ConsentFormVersion)
class ConsentFormVersionAdmin(admin.ModelAdmin):
    """Service administrators publish the words parents read.

    A version in use is never edited: publish a new version with a later date.
    """

    list_display = ("service", "version", "effective_from", "created_at")
    list_filter = ("service",)
    ordering = ("service", "-effective_from")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.consentrecord_set.exists():
            return ("service", "version", "effective_from", "text", "created_at")
        return ("created_at",)

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.consentrecord_set.exists()
