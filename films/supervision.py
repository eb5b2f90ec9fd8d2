"""Reads for supervision: a supervisor's "Clips to review", and accreditation progress.

A VIG supervisor sees a supervisee's clips and stills **only where the family's
consent to showing clips to the supervisor is in force** (and the film may be
kept): the families are found through the supervisor's own scope
(``Programme.objects.visible_to``), their consent read in one query, and only
the consenting families' moments listed.

Accreditation progress is counted in ``films.accreditation`` (``progress`` is
imported here for the supervision pages).
"""

from collections import defaultdict

from django.db.models import Q

from accounts.models import User
from consent.models import ConsentRecord, Scope
from consent.queries import allowed_now
from sessions.models import Programme

from .accreditation import REQUIREMENTS, Progress, accreditation_for, progress
from .models import Clip, MomentState, Still


def supervisees(supervisor):
    """The guiders whose VIG supervisor this person is."""
    return User.objects.filter(supervisor=supervisor, is_active=True).order_by("full_name", "pk")


def supervised_programmes(user):
    """The programmes ``user`` sees as a VIG supervisor (not as guider or team lead)."""
    return Programme.objects.visible_to(user).filter(
        Q(supervisor=user) | Q(guider__supervisor=user)
    )


def consenting(programmes, scope=Scope.SUPERVISOR):
    """The ids of ``programmes`` whose clips may be shown now for ``scope`` (the VIG
    supervisor, by default; or group supervision, training): two queries."""
    programmes = list(programmes.select_related("referral"))
    current = defaultdict(lambda: defaultdict(dict))
    for record in ConsentRecord.objects.filter(
        programme__in=programmes, superseded_at__isnull=True
    ):
        current[record.programme_id][record.caregiver_id][record.scope] = record
    ids = set()
    for programme in programmes:
        allowed = allowed_now(programme, current[programme.pk])
        if allowed[Scope.FILMING] and allowed[Scope.KEEP_FILM] and allowed[scope]:
            ids.add(programme.pk)
    return ids


def clips_to_review(supervisor):
    """``[(guider, [clip or still, …]), …]``: each supervisee's ready moments in the
    families that agreed, newest film first."""
    ids = consenting(supervised_programmes(supervisor))
    moments = []
    for model in (Clip, Still):
        rows = model.objects.filter(programme__in=ids, state=MomentState.READY).select_related(
            "film__visit", "programme__referral", "programme__guider"
        )
        if model is Clip:
            rows = rows.prefetch_related("feedback")
        moments += list(rows)
    for moment in moments:
        moment.film.programme = moment.programme
    moments.sort(key=lambda m: (-m.film.created_at.timestamp(), m.position, m.kind))
    by_guider = defaultdict(list)
    for moment in moments:
        by_guider[moment.programme.guider].append(moment)
    return sorted(by_guider.items(), key=lambda pair: pair[0].full_name)


def clip_for_supervisor(supervisor, clip_id):
    """A supervisee's ready clip, only where the family agreed; else None (→ 404)."""
    ids = consenting(supervised_programmes(supervisor))
    clip = (
        Clip.objects.filter(programme__in=ids, state=MomentState.READY, public_id=clip_id)
        .select_related("film__visit", "programme__referral", "programme__guider")
        .first()
    )
    if clip is not None:
        clip.film.programme = clip.programme
    return clip


__all__ = [
    "REQUIREMENTS",
    "Progress",
    "accreditation_for",
    "clip_for_supervisor",
    "clips_to_review",
    "consenting",
    "progress",
    "supervised_programmes",
    "supervisees",
]
