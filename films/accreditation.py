"""Accreditation progress (AVIGuk, DOMAIN.md), counted in SQL for many guiders at once.

A **cycle** is an attended filming visit with at least one clip, and a shared
review of it (a ``SharedReview`` naming it, or its clips shown at one). Progress
counts a guider's cycles (of the families they guide), the distinct families
those were with, and minutes of supervision, against the AVIGuk stages:

    stage 1: 6 cycles, 2 families, 7 h
    stage 2: 9 more cycles, 3 more families, 8 h more
    stage 3: 12 more cycles, "more clients" (taken as 3 more families), 8 h more

Stage start dates are not recorded, so the counts since records began are split
over the stages in order (ADR 0009): each stage the guider has passed takes what
it needed, and the stage they are on takes the rest. "Initial training" works
towards stage 1.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from accounts.models import AccreditationStage, User
from sessions.models import ATTENDED_CODES, SharedReview, Visit, VisitKind

from .models import Clip, ReviewMoment, SupervisionSession


@dataclass(frozen=True)
class Requirement:
    cycles: int
    families: int
    hours: int

    @property
    def minutes(self):
        return self.hours * 60


# What each trainee stage asks for (AVIGuk, DOMAIN.md), in order: each is on top of
# the stages before it.
STAGES = (
    (AccreditationStage.STAGE_1, Requirement(6, 2, 7)),
    (AccreditationStage.STAGE_2, Requirement(9, 3, 8)),
    (AccreditationStage.STAGE_3, Requirement(12, 3, 8)),
)
# The stage each accreditation stage is working towards.
WORKING_ON = {
    AccreditationStage.INITIAL: AccreditationStage.STAGE_1,
    AccreditationStage.STAGE_1: AccreditationStage.STAGE_1,
    AccreditationStage.STAGE_2: AccreditationStage.STAGE_2,
    AccreditationStage.STAGE_3: AccreditationStage.STAGE_3,
}
PASSED_ALL = {
    AccreditationStage.ACCREDITED,
    AccreditationStage.TRAINEE_SUPERVISOR,
    AccreditationStage.SUPERVISOR,
}
REQUIREMENTS = {stage: need for stage, need in STAGES}
REQUIREMENTS[AccreditationStage.INITIAL] = REQUIREMENTS[AccreditationStage.STAGE_1]


@dataclass
class StageProgress:
    stage: str
    requirement: Requirement
    cycles: int
    families: int
    minutes: int
    status: str  # "passed", "current" or "ahead"

    @property
    def label(self):
        return AccreditationStage(self.stage).label

    @property
    def hours(self):
        return round(self.minutes / 60, 1)

    @property
    def met(self):
        need = self.requirement
        return (
            self.cycles >= need.cycles
            and self.families >= need.families
            and self.minutes >= need.minutes
        )


@dataclass
class Progress:
    guider: User
    cycles: int
    families: int
    minutes: int
    stages: list = field(default_factory=list)

    @property
    def hours(self):
        return round(self.minutes / 60, 1)

    @property
    def stage(self):
        return self.guider.get_accreditation_stage_display()

    @property
    def current(self):
        """The stage being worked on (None once past stage 3, or not a guider)."""
        return next((s for s in self.stages if s.status == "current"), None)

    @property
    def requirement(self):
        return self.current.requirement if self.current else None


def split(stage, cycles, families, minutes):
    """The counts since records began, split over the stages in order."""
    working_on = WORKING_ON.get(stage)
    if working_on is None and stage not in PASSED_ALL:
        return []
    left = {"cycles": cycles, "families": families, "minutes": minutes}
    status = "passed"
    found = []
    for index, (code, need) in enumerate(STAGES):
        last = index == len(STAGES) - 1
        if code == working_on:
            status = "current"
        if status == "passed" and not last:
            wanted = {"cycles": need.cycles, "families": need.families, "minutes": need.minutes}
            taken = {k: min(v, wanted[k]) for k, v in left.items()}
        elif status == "ahead":
            taken = dict.fromkeys(left, 0)
        else:  # the stage being worked on (or the last, once all are passed) takes the rest
            taken = dict(left)
        left = {k: v - taken[k] for k, v in left.items()}
        found.append(StageProgress(code, need, status=status, **taken))
        if status == "current":
            status = "ahead"
    return found


def cycle_visits():
    """Filming visits that make a cycle."""
    reviewed = Exists(
        SharedReview.objects.filter(
            filming_visit=OuterRef("pk"), visit__attendance__in=ATTENDED_CODES
        )
    ) | Exists(ReviewMoment.objects.filter(clip__film__visit=OuterRef("pk")))
    return Visit.objects.filter(kind=VisitKind.FILMING, attendance__in=ATTENDED_CODES).filter(
        Exists(Clip.objects.filter(film__visit=OuterRef("pk"))), reviewed
    )


def _per_guider(rows, value):
    return Coalesce(
        Subquery(rows.annotate(n=value).values("n")[:1], output_field=IntegerField()), 0
    )


def accreditation_for(guiders):
    """``{guider id: Progress}`` for ``guiders`` (a queryset of users, kept in its
    order, or users), in one query however many there are."""
    if not isinstance(guiders, QuerySet):
        guiders = User.objects.filter(pk__in=[g.pk for g in guiders]).order_by("full_name", "pk")
    cycles = cycle_visits().filter(programme__guider=OuterRef("pk")).order_by()
    cycles = cycles.values("programme__guider")
    sessions = (
        SupervisionSession.objects.filter(supervisee=OuterRef("pk")).order_by().values("supervisee")
    )
    people = guiders.annotate(
        cycles_n=_per_guider(cycles, Count("pk")),
        families_n=_per_guider(cycles, Count("programme", distinct=True)),
        minutes_n=_per_guider(sessions, Sum("duration_minutes")),
    )
    found = {}
    for person in people:
        counts = (person.cycles_n, person.families_n, person.minutes_n)
        found[person.pk] = Progress(
            person, *counts, stages=split(person.accreditation_stage, *counts)
        )
    return found


def progress(guider):
    """One guider's accreditation progress (one query)."""
    return accreditation_for([guider])[guider.pk]
