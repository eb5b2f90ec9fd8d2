"""``{% load vig_permissions %}``: ask the one permissions module from a template.

``{% if user|has_permission:"view_audit_trail" %}`` — the argument is a
``accounts.permissions.Permission`` value.
"""

from django import template

from accounts.permissions import Permission, has_permission

register = template.Library()


@register.filter(name="has_permission")
def has_permission_filter(user, permission_name):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return has_permission(user, Permission(permission_name))
