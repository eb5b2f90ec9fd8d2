from django.contrib import admin

from .models import DueWork, FollowUpSettings, MessageLog


@admin.register(FollowUpSettings)
class FollowUpSettingsAdmin(admin.ModelAdmin):
    list_display = ["service", "shared_review_after_days", "first_reminder_days"]


@admin.register(DueWork)
class DueWorkAdmin(admin.ModelAdmin):
    list_display = ["kind", "due_at", "state", "attempts"]
    list_filter = ["state", "kind"]
    readonly_fields = [f.name for f in DueWork._meta.fields]


@admin.register(MessageLog)
class MessageLogAdmin(admin.ModelAdmin):
    list_display = ["template", "channel", "status", "created_at"]
    list_filter = ["status", "channel"]
    readonly_fields = [f.name for f in MessageLog._meta.fields]
