"""GOV.UK Notify's delivery-status callbacks (bearer token, JSON).

A message that Notify could not deliver is marked failed, shows on the team
lead's home, and gives the guider a "phone the family" task.
"""

import hmac
import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .. import delivery

# Notify's statuses, as ours.
DELIVERED = {"delivered"}
FAILED = {"permanent-failure", "temporary-failure", "technical-failure", "validation-failed"}


@csrf_exempt
@require_POST
def notify_status(request):
    token = settings.NOTIFY_CALLBACK_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        return HttpResponseForbidden("Bad token")
    try:
        body = json.loads(request.body)
        notify_id, status = str(body["id"]), str(body["status"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("Not a Notify callback")
    if status in DELIVERED:
        delivery.delivered(notify_id)
    elif status in FAILED:
        delivery.failed(notify_id, status)
    return HttpResponse(status=204)
