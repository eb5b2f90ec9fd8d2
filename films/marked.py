"""Clips marked "for group supervision" or "for training", for those who use them.

Who (ADR 0009): the team's leads and the team's VIG supervisors — the people
who run group supervision and training for the team. Only the team's families'
clips, and only while the family's consent to that use (and to filming and
keeping the film) is in force, read again on every request. Anyone else gets
nothing (the pages answer 404).
"""

from django.db.models import Exists, OuterRef, Q

from accounts.models import Role
from consent.models import Scope
from sessions.models import Programme

from .models import Clip, MomentState
from .supervision import consenting

USES = {
    "group": ("for_group_supervision", Scope.GROUP_SUPERVISION, "Group supervision"),
    "training": ("for_training", Scope.TRAINING, "Training"),
}


def uses_marked(user):
    """Whether ``user`` may see their team's marked clips."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.team_id
        and user.role in (Role.TEAM_LEAD, Role.SUPERVISOR)
    )


def _ready_marked(user):
    return Clip.objects.filter(
        Q(for_group_supervision=True) | Q(for_training=True),
        programme__referral__team_id=user.team_id,
        state=MomentState.READY,
    )


def marked_clips(user):
    """``{"group": [clip, …], "training": [clip, …]}``: the team's ready marked clips
    whose family's consent to that use is in force. Five queries."""
    if not uses_marked(user):
        return {use: [] for use in USES}
    # Only families with a marked clip: their consent is read in one query.
    programmes = Programme.objects.filter(
        Exists(_ready_marked(user).filter(programme=OuterRef("pk")))
    )
    allowed = {use: consenting(programmes, scope) for use, (_, scope, _) in USES.items()}
    clips = list(
        _ready_marked(user)
        .select_related("film__visit", "programme__referral", "programme__guider")
        .order_by("-film__created_at", "position", "pk")
    )
    found = {use: [] for use in USES}
    for clip in clips:
        clip.film.programme = clip.programme
        for use, (field, _, _) in USES.items():
            if getattr(clip, field) and clip.programme_id in allowed[use]:
                found[use].append(clip)
    return found


def marked_clip(user, clip_id):
    """One clip of ``marked_clips(user)``, or None (→ 404)."""
    for clips in marked_clips(user).values():
        for clip in clips:
            if clip.public_id == clip_id:
                return clip
    return None
