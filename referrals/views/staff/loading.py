"""Loading a referral for the person asking, before anything else.

A referral outside the person's scope is a 404 whatever they try to do with it
(any method); one they can see but not change is a 403; only then is the method
checked (405). HEAD is allowed wherever GET is.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.utils.log import log_response

from accounts.permissions import has_permission

from ...duplicates import possible_duplicates
from ...models import Referral

PER_PAGE = 50
READ = ("GET", "HEAD")
READ_AND_WRITE = ("GET", "HEAD", "POST")


def get_referral(user, reference, *, with_history=False):
    """The referral, if ``user`` may see it; else 404."""
    referrals = Referral.objects.visible_to(user).with_people()
    if with_history:
        referrals = referrals.with_history()
    return get_object_or_404(referrals, reference=reference)


def referral_page(methods, *, permission=None, with_history=False):
    """Decorate a view taking ``(request, referral)``, or ``(request, referral, other)``
    when its URL names two referrals.

    In this order: every referral in the URL is loaded in the person's scope
    (404), ``permission`` is checked (403), then the method (405).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, reference, other_reference=None):
            user = request.user
            referrals = [get_referral(user, reference, with_history=with_history)]
            if other_reference is not None:
                referrals.append(get_referral(user, other_reference))
            require(user, permission)
            if request.method not in methods:
                return not_allowed(request, methods)
            return view(request, *referrals)

        return wrapped

    return decorator


def not_allowed(request, methods):
    """405, logged as Django's ``require_http_methods`` logs it."""
    response = HttpResponseNotAllowed(methods)
    log_response(
        "Method Not Allowed (%s): %s",
        request.method,
        request.path,
        response=response,
        request=request,
    )
    return response


def require(user, permission):
    if permission is not None and not has_permission(user, permission):
        raise PermissionDenied


def visible_duplicates(user, referrals):
    """``possible_duplicates`` of ``referrals``, keeping only those ``user`` may see."""
    return possible_duplicates(referrals, among=Referral.objects.visible_to(user))


def page_of(request, referrals):
    return Paginator(referrals, PER_PAGE).get_page(request.GET.get("page"))
