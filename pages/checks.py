"""``manage.py check --deploy`` warns while the organisation is still the placeholder.

The organisation is the data controller named in the privacy notice: a live
service must not name "Example NHS Trust".
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PLACEHOLDER_ORGANISATION = "Example NHS Trust"


@register(Tags.security, deploy=True)
def organisation_is_named(app_configs, **kwargs):
    name = settings.SERVICE_ORGANISATION_NAME.strip()
    if name and name != PLACEHOLDER_ORGANISATION:
        return []
    return [
        Warning(
            "SERVICE_ORGANISATION_NAME is not set: the footer and the privacy notice "
            f"name {PLACEHOLDER_ORGANISATION!r} as the organisation running the service.",
            hint="Set SERVICE_ORGANISATION_NAME to the NHS organisation that runs it.",
            id="pages.W001",
        )
    ]
