"""``{% load journey_forms %}``: drawing a page of several questions (``GroupForm``).

``{% journey_field field as f %}`` describes a field as the crispy "nhsuk" pack
does (``vig_service.templatetags.nhsuk``); for radios with options that reveal
more questions it adds, to each such option, what it reveals and the
``data-aria-controls`` that NHS.UK frontend uses to show and hide it. Without
scripts, the revealed questions are simply shown.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from vig_service.templatetags.nhsuk import describe_field

register = template.Library()

RADIOS_WITH_REVEALS = "referrals/public/_radios_with_reveals.html"


@register.simple_tag
def journey_field(bound_field):
    described = describe_field(bound_field)
    reveals = getattr(bound_field.form, "reveals", None)
    shown = reveals.get(bound_field.name) if reveals and described.kind == "radios" else None
    if not shown:
        return described
    described.template = RADIOS_WITH_REVEALS
    for option, subwidget in zip(described.options, bound_field.subwidgets, strict=True):
        value = "" if subwidget.data["value"] is None else str(subwidget.data["value"])
        if value not in shown:
            continue
        reveal_id = f"conditional-{option['id']}"
        html = str(option["input_html"])
        option["input_html"] = mark_safe(  # noqa: S308 — our own escaped <input>, one attribute more
            html[:-1] + format_html(' data-aria-controls="{}">', reveal_id)
        )
        option["reveal_id"] = reveal_id
        option["reveal"] = shown[value]
        option["checked"] = bool(subwidget.data["selected"])
    return described
