"""``{% load vig_permissions %}``: ask the one permissions module from a template.

``{% if user|has_permission:"view_audit_trail" %}`` — the argument is a
``accounts.permissions.Permission`` value. ``{% staff_navigation as links %}``: the
links of the staff navigation this person sees.
"""

from django import template

from accounts.permissions import Permission, has_permission
from vig_service.navigation import staff_links

register = template.Library()


@register.filter(name="has_permission")
def has_permission_filter(user, permission_name):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return has_permission(user, Permission(permission_name))


@register.simple_tag(takes_context=True)
def staff_navigation(context):
    """The staff navigation's links for the person signed in (``vig_service.navigation``)."""
    request = context["request"]
    match = request.resolver_match
    return staff_links(request.user, match.view_name if match else None)
