"""Families in known states for the caseload, diary, case and consent page tests.

Everything is made through the actions, as the pages will find it in real use.
"""

from django.test import Client
from django.utils import timezone

from accounts.models import AccreditationStage, Role
from consent.actions import withdraw_consent
from consent.models import Scope
from sessions import actions
from sessions.models import Attendance, RatingWhen, VisitKind
from tests.conftest import sign_in_fully
from tests.factories import UserFactory
from tests.programme_helpers import at, give_consent, open_programme


def supervised_family(team, team_lead, **referral_kwargs):
    """A trainee guider's family, with the trainee's VIG supervisor.

    Returns ``(programme, trainee, supervisor)``.
    """
    supervisor = UserFactory(team=team, role=Role.SUPERVISOR, full_name="Sue Supervisor")
    trainee = UserFactory(
        team=team,
        full_name="Tom Trainee",
        accreditation_stage=AccreditationStage.STAGE_1,
        supervisor=supervisor,
    )
    programme = open_programme(
        team.service, team_lead=team_lead, practitioner=trainee, **referral_kwargs
    )
    return programme, trainee, supervisor


def book(programme, by, *, kind=VisitKind.OTHER, days=1, hour=10, **kwargs):
    return actions.book_visit(
        programme=programme, kind=kind, starts_at=at(days, hour), place="home", by=by, **kwargs
    )


def happened(programme, by, *, kind=VisitKind.OTHER, days=-1, hour=10, **kwargs):
    """A past visit with its outcome recorded (attended unless ``attendance`` says)."""
    attendance = kwargs.pop("attendance", Attendance.ATTENDED)
    visit = book(programme, by, kind=kind, days=days, hour=hour, **kwargs)
    return actions.record_outcome(visit=visit, attendance=attendance, by=by)


def withdraw_filming(programme, by):
    return withdraw_consent(
        programme=programme,
        caregiver=programme.referral.caregivers.first(),
        scopes=[Scope.FILMING],
        reason="Feels awkward on camera",
        by=by,
    )


def busy_family(programme, by, *, visits=2, start_days=-60):
    """A family well into the programme: consent, two goals with ratings, and
    ``visits`` past visits that alternate filming and shared review, each with a
    summary, a review or ratings. ``visits`` grows every list on the case page."""
    give_consent(programme, by)
    goals = [
        actions.add_goal(
            programme=programme,
            text="Feel more confident with my baby",
            helping_question="What am I doing that helps us feel close?",
            by=by,
        ),
        actions.add_goal(
            programme=programme,
            text="Enjoy bath time together",
            helping_question="What helps bath time go well?",
            by=by,
        ),
    ]
    actions.rate_goals(
        programme=programme,
        scores={goals[0].pk: 2, goals[1].pk: 4},
        when=RatingWhen.BASELINE,
        rated_on=timezone.localdate(at(start_days - 1)),
        by=by,
    )
    last_filming = None
    for n in range(visits):
        kind = VisitKind.FILMING if n % 2 == 0 else VisitKind.SHARED_REVIEW
        visit = happened(programme, by, kind=kind, days=start_days + n, hour=9 + n % 8)
        if kind == VisitKind.FILMING:
            last_filming = visit
        else:
            actions.record_shared_review(
                visit=visit,
                parent_noticed="How she waited for him",
                strengths="Warm tone, waiting",
                filming_visit=last_filming,
                scores={goals[0].pk: min(10, 3 + n), goals[1].pk: 5},
                by=by,
            )
        actions.write_summary(
            visit=visit,
            strengths="Lots of eye contact",
            points_to_work_on="Waiting a little longer",
            next_steps="Film at bath time",
            by=by,
        )
    return goals


def signed_in_client(user):
    """A separate, fully signed-in client (for a second person in one test)."""
    return sign_in_fully(Client(), user)
