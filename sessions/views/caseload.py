"""My caseload: the families I guide, and those of my supervisees or my team.

One query finds every open programme the person may see, with progress,
things to do and the cycle counted in SQL; three more fetch the caregivers,
children and consent records in force for all of them at once.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.permissions import Permission, has_permission, permission_required, supervises

from ..presenters.consent_panel import FILMING_STATUS_LABELS, current_by_caregiver, filming_status
from ..presenters.progress import cycle_label, first_steps, needs_action_count
from ..queries import caseload_programmes


@dataclass
class Section:
    heading: str
    caption: str
    empty: str
    programmes: list
    show_guider: bool = False


def _sort_key(programme):
    """Soonest next visit first; families with nothing booked after them."""
    next_at = programme.next_visit_at
    return (next_at is None, next_at or programme.opened_at, programme.referral.reference)


def _presented(programmes):
    for programme in programmes:
        programme.cycle = cycle_label(programme)
        programme.first_steps = first_steps(programme)
        programme.needs_action = needs_action_count(programme)
        programme.filming = filming_status(current_by_caregiver(programme.current_consent))
        programme.filming_label = FILMING_STATUS_LABELS[programme.filming]
    return sorted(programmes, key=_sort_key)


@permission_required(Permission.VIEW_OWN_CASELOAD)
@require_safe
def caseload(request):
    user = request.user
    programmes = _presented(list(caseload_programmes(user, timezone.now())))
    mine = [p for p in programmes if p.guider_id == user.pk]
    others = [p for p in programmes if p.guider_id != user.pk]
    sections = []
    if has_permission(user, Permission.VIEW_SUPERVISEE_CASES):
        supervised = [p for p in others if supervises(user, p)]
        others = [p for p in others if not supervises(user, p)]
        sections.append(
            Section(
                "Supervisees' families",
                "Families of the guiders you supervise",
                "The guiders you supervise have no open programmes.",
                supervised,
                show_guider=True,
            )
        )
    if has_permission(user, Permission.VIEW_TEAM_CASES):
        sections.append(
            Section(
                "Team's families",
                "Families your team is working with",
                "Nobody else in your team has an open programme.",
                others,
                show_guider=True,
            )
        )
    context = {
        "mine": Section(
            "Your families",
            "Families you are guiding",
            "You have no open programmes. Families appear here when they are allocated to you.",
            mine,
        ),
        "sections": sections,
    }
    return render(request, "sessions/caseload/caseload.html", context)
