from django.conf import settings


def service(request):
    """What every page needs to draw the header: the service name."""
    return {"SERVICE_NAME": settings.SERVICE_NAME}
