"""``{% organisation_name %}``: the footer names the organisation running the
service. A tag, not a context variable, so the 500 page (rendered without a
context) names it too."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def organisation_name():
    return settings.SERVICE_ORGANISATION_NAME
