"""``{% load journey_forms %}``: drawing a page of several questions (``GroupForm``).

``{% journey_field field as f %}`` describes a field as the crispy "nhsuk" pack
does (``vig_service.templatetags.nhsuk``); for radios with options that lead to
more questions it adds, to each such option, the questions to draw under it.

They are drawn the way NHS.UK conditional reveals look without scripts: under
their option, always shown. We do not let the NHS.UK script hide them: it marks
each radio with ``aria-expanded``, which ARIA does not allow on a radio and axe
reports (WCAG 4.1.2), and our pages stay axe-clean (docs/adr/0008).
"""

from django import template

from vig_service.templatetags.nhsuk import describe_field

register = template.Library()

RADIOS_WITH_FOLLOW_UPS = "referrals/public/_radios_with_follow_ups.html"


@register.simple_tag
def journey_field(bound_field):
    described = describe_field(bound_field)
    follow_ups = getattr(bound_field.form, "follow_ups", None)
    shown = follow_ups.get(bound_field.name) if follow_ups and described.kind == "radios" else None
    if not shown:
        return described
    described.template = RADIOS_WITH_FOLLOW_UPS
    for option, subwidget in zip(described.options, bound_field.subwidgets, strict=True):
        value = "" if subwidget.data["value"] is None else str(subwidget.data["value"])
        if value in shown:
            option["follow_up_id"] = f"follow-up-{option['id']}"
            option["follow_ups"] = shown[value]
    return described
