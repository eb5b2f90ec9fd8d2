"""Template tags for the case page: the family's contact preferences and flags."""

from django import template

from .. import contact, queries

register = template.Library()


@register.simple_tag
def contact_preferences(caregiver):
    return contact.describe(caregiver)


@register.simple_tag
def programme_flags(programme):
    return list(queries.programme_flags(programme))
