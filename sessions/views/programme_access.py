"""Loading a family's programme, and what is in it, for the person asking.

Every page under /staff/programmes/<reference>/ starts here: the programme is
looked up among those the person may see (``Programme.objects.visible_to``),
and a visit or goal only within that programme, so anything else is a 404.

Seeing is not changing: the guider and the team's leads change a programme;
a VIG supervisor reviews a trainee's case but does not book, record or end
anything in it (403).
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from accounts.models import Role
from referrals.models import Caregiver

from ..actions import record_view
from ..models import Programme


def load_programme(request, reference):
    programmes = (
        Programme.objects.visible_to(request.user)
        .select_related("referral__service", "guider")
        .prefetch_related(
            Prefetch("referral__caregivers", queryset=Caregiver.objects.order_by("pk")),
            "referral__children",
        )
    )
    return get_object_or_404(programmes, referral__reference=reference)


def may_change(user, programme):
    """The guider, and team leads of the family's team, change the programme."""
    if user.is_superuser or programme.guider_id == user.pk:
        return True
    return user.role == Role.TEAM_LEAD and user.team_id == programme.referral.team_id


def programme_page(*, changes, open_only=None):
    """Decorate a view taking ``(request, programme, **kwargs)``.

    ``changes``: the page changes the programme (403 for those who only see it).
    ``open_only``: the page adds to the programme, so once it has ended the
    person is sent back to the case page with the reason. Defaults to ``changes``.
    """
    open_only = changes if open_only is None else open_only

    def decorator(view):
        @wraps(view)
        def wrapped(request, reference, **kwargs):
            programme = load_programme(request, reference)
            if changes and not may_change(request.user, programme):
                raise PermissionDenied
            if open_only and programme.is_closed:
                messages.error(
                    request, "This programme has ended. Nothing more can be added to it."
                )
                return redirect("programmes:case", reference=programme.reference)
            return view(request, programme, **kwargs)

        return wrapped

    return decorator


def get_visit(programme, visit_id, *related):
    visits = programme.visits.select_related(*related) if related else programme.visits.all()
    return get_object_or_404(visits, public_id=visit_id)


def get_goal(programme, goal_id):
    return get_object_or_404(programme.goals.all(), public_id=goal_id)


def caregiver_of(programme):
    """The parent or carer the service writes to (the first named on the referral)."""
    caregivers = list(programme.referral.caregivers.all())
    return caregivers[0] if caregivers else None


def base_context(programme, **extra):
    referral = programme.referral
    return {
        "programme": programme,
        "referral": referral,
        "caregivers": list(referral.caregivers.all()),
        "children": list(referral.children.all()),
        "caregiver": caregiver_of(programme),
        **extra,
    }


def render_page(request, programme, template, **context):
    """Render a page about the family; a GET of it is an audited view of their record."""
    if request.method == "GET":
        record_view(programme=programme, by=request.user, request=request)
    return render(request, template, base_context(programme, **context))


def to_case(programme):
    return redirect("programmes:case", reference=programme.reference)
