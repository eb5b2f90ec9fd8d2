"""Loading a family's programme, and what is in it, for the person asking.

Every page under /staff/programmes/<reference>/ starts with ``programme_page``,
which answers in this order:

1. 404 for a family the person may not see (``load_programme``, scoped by
   the ``visible_to`` queryset), whatever the method — so nobody out of
   scope learns which references exist or what a page accepts;
2. 405 for a method the page doesn't take (HEAD goes wherever GET does);
3. 403 for a change the person may not make (``has_permission(user,
   Permission.WORK_WITH_FAMILIES, programme)``): a VIG supervisor reviews a
   trainee's case but does not book, record or end anything in it;
4. back to the case page, saying why, for a page that adds to a programme that
   has ended.

A visit or goal is looked up only within the family's programme: anything else
is a 404 too.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect

from accounts.permissions import Permission, has_permission

from ..actions import why_not_add_to
from ..queries import family_programmes

SAFE = ("GET", "HEAD")


def load_programme(request, reference, programmes=None):
    """The programme of the family with ``reference``, if this person may see it; else 404.

    ``programmes``: a queryset that fetches more (the case page's, for instance).
    """
    return get_object_or_404(
        family_programmes(request.user, programmes), referral__reference=reference
    )


def may_change(user, programme):
    """Whether the person changes this programme: the guider, or a lead of the team."""
    return has_permission(user, Permission.WORK_WITH_FAMILIES, programme)


def can_work_on(user, programme):
    """Whether to offer changes to the programme now: the person may change it,
    and it is still open."""
    return may_change(user, programme) and why_not_add_to(programme) is None


def allowed_methods(methods):
    methods = tuple(methods)
    return methods + ("HEAD",) if "GET" in methods and "HEAD" not in methods else methods


def programme_page(
    *, methods=SAFE, changes=False, posts_change=False, open_only=None, programmes=None
):
    """Decorate a view taking ``(request, programme, **kwargs)``.

    ``methods``: what the page takes (HEAD wherever GET is). ``changes``: the
    whole page is for changing the programme (403 for those who only see it).
    ``posts_change``: anyone who sees the family reads the page, but only those
    who may change the programme send it (403 on POST). ``open_only``: the page
    adds to the programme, so once it has ended the person is sent back to the
    case page with the reason; defaults to ``changes``. ``programmes``: a function
    giving the queryset to load from, when the page needs more fetched with it.
    """
    open_only = changes if open_only is None else open_only
    accepted = allowed_methods(methods)

    def decorator(view):
        @wraps(view)
        def wrapped(request, reference, **kwargs):
            queryset = programmes() if programmes is not None else None
            programme = load_programme(request, reference, queryset)
            if request.method not in accepted:
                return HttpResponseNotAllowed(accepted)
            changing = changes or (posts_change and request.method not in SAFE)
            if changing and not may_change(request.user, programme):
                raise PermissionDenied
            if open_only and (refusal := why_not_add_to(programme)):
                messages.error(request, refusal.explanation)
                return redirect("programmes:case", reference=programme.reference)
            return view(request, programme, **kwargs)

        return wrapped

    return decorator


def get_visit(programme, visit_id, *related):
    """The visit ``visit_id`` of this programme (404 otherwise), knowing its programme."""
    visits = programme.visits.select_related(*related) if related else programme.visits.all()
    visit = get_object_or_404(visits, public_id=visit_id)
    visit.programme = programme
    return visit


def get_goal(programme, goal_id):
    goal = get_object_or_404(programme.goals.all(), public_id=goal_id)
    goal.programme = programme
    return goal


def caregiver_of(programme):
    """The parent or carer the service writes to (the first named on the referral)."""
    caregivers = list(programme.referral.caregivers.all())
    return caregivers[0] if caregivers else None
