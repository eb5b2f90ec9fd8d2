"""My caseload: the families I guide, and those of my supervisees or my team.

One query finds the person's own families (and their supervisees'), with
progress, things to do, the next visit and the filming consent each worked
out in SQL; two more fetch the caregivers' and children's names. A team lead's
team's families, hundreds in a big team, come a page at a time the same way.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.permissions import Permission, has_permission, permission_required
from referrals.presenters import with_family_names
from referrals.queries import family_members

from ..models import Programme
from ..presenters.caseload_rows import rows
from ..presenters.consent_panel import FILMING_STATUS_LABELS, filming_status_of
from ..presenters.progress import cycle_label, first_steps, needs_action_count
from ..queries import caseload_programmes

# Team's families per page: a team lead's team may hold hundreds.
PER_PAGE = 50


@dataclass
class Section:
    heading: str
    caption: str
    empty: str
    programmes: list
    show_guider: bool = False
    page: object = None  # a Django Page, for a section shown a page at a time

    def __post_init__(self):
        self.rows = rows(self.programmes, self.show_guider)

    @property
    def count(self):
        return self.page.paginator.count if self.page else len(self.programmes)


def _presented(programmes):
    programmes = list(programmes)
    with_family_names(family_members([programme.referral for programme in programmes]))
    for programme in programmes:
        programme.cycle = cycle_label(programme)
        programme.first_steps = first_steps(programme)
        programme.needs_action = needs_action_count(programme)
        programme.filming = filming_status_of(programme)
        programme.filming_label = FILMING_STATUS_LABELS[programme.filming]
    return programmes


def _any_close(user, close, team_lead):
    """Whether to ask for the person's own (and supervisees') families at all. A team
    lead often guides nobody: one cheap question spares their page the annotated
    query (~8 ms to build and plan for no rows). Anyone else is asked straight away."""
    if not team_lead:
        return True
    return Programme.objects.visible_to(user).open().filter(close).exists()


@permission_required(Permission.VIEW_OWN_CASELOAD)
@require_safe
def caseload(request):
    user = request.user
    programmes = caseload_programmes(user, timezone.now())
    close = Q(guider=user)
    supervising = has_permission(user, Permission.VIEW_SUPERVISEE_CASES)
    if supervising:
        close |= Q(supervisor=user) | Q(guider__supervisor=user)
    team_lead = has_permission(user, Permission.VIEW_TEAM_CASES)
    listed = _presented(programmes.filter(close)) if _any_close(user, close, team_lead) else []
    sections = []
    if supervising:
        sections.append(
            Section(
                "Supervisees' families",
                "Families of the guiders you supervise",
                "The guiders you supervise have no open programmes.",
                [p for p in listed if p.guider_id != user.pk],
                show_guider=True,
            )
        )
    if team_lead:
        page = Paginator(programmes.exclude(close), PER_PAGE).get_page(request.GET.get("page"))
        sections.append(
            Section(
                "Team's families",
                "Families your team is working with",
                "Nobody else in your team has an open programme.",
                _presented(page.object_list),
                show_guider=True,
                page=page,
            )
        )
    context = {
        "mine": Section(
            "Your families",
            "Families you are guiding",
            "You have no open programmes. Families appear here when they are allocated to you.",
            [p for p in listed if p.guider_id == user.pk],
        ),
        "sections": sections,
    }
    return render(request, "sessions/caseload/caseload.html", context)
