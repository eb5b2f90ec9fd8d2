"""One service's worth of people and one family, made once for the whole matrix.

The family is a trainee guider's, well into their programme (consent given,
then filming withdrawn; goals, visits, a shared review and summaries), and was
referred twice, so that it has a possible duplicate. Everything is made through
the actions, as the pages find it in real use.

``KWARGS`` fills a URL's keyword arguments from these real objects, by the
arguments' names: a new argument name needs a line here before its page can be
checked.
"""

from dataclasses import dataclass, field

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.timezone import localdate
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from consent.views import withdrawal_stamp
from referrals import actions as referral_actions
from scheduling.models import TaskKind
from scheduling.schedule import add_task
from sessions.models import VisitKind
from tests.factories import ServiceFactory, TeamFactory, UserFactory
from tests.helpers import busy_family, make_referral, supervised_family, withdraw_filming


@dataclass
class World:
    people: dict = field(default_factory=dict)
    programme: object = None
    duplicate: object = None
    goal: object = None
    visit: object = None
    stamp: str = ""
    filming_visit: object = None
    film: object = None
    upload: object = None
    clip: object = None


def build():
    service = ServiceFactory(name="Northmoor VIG Service")
    team = TeamFactory(service=service, name="North Locality")
    lead = UserFactory(full_name="Tina Lead", team=team, role=Role.TEAM_LEAD)
    programme, guider, supervisor = supervised_family(team, lead)
    neighbours = TeamFactory(service=service, name="South Locality")
    world = World(
        people={
            "guider": guider,
            "supervisor": supervisor,
            "lead": lead,
            "colleague": UserFactory(full_name="Colin Colleague", team=team),
            "other_team": UserFactory(full_name="Olive Othersouth", team=neighbours),
            "other_service": UserFactory(full_name="Xavier Elsewhere", team=TeamFactory()),
            "other_lead": UserFactory(
                full_name="Lena Southlead", team=neighbours, role=Role.TEAM_LEAD
            ),
            # Not is_staff: what the admin site allows is tests/accounts/test_admin.py's.
            "service_admin": UserFactory(
                full_name="Sam Serviceadmin", team=team, role=Role.SERVICE_ADMIN
            ),
        },
        programme=programme,
    )
    for person in world.people.values():
        TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)

    goals = busy_family(programme, guider)
    world.goal = goals[0]
    world.visit = programme.visits.exclude(state="proposed").get(kind=VisitKind.SHARED_REVIEW)
    withdrawal = withdraw_filming(programme, guider)
    world.stamp = withdrawal_stamp(withdrawal.records[0].recorded_at)

    # The same family referred again, and allocated to the same guider.
    world.duplicate = make_referral(service)
    referral_actions.triage(referral=world.duplicate, decision="accept", priority=1, by=lead)
    referral_actions.allocate(referral=world.duplicate, practitioner=guider, by=lead)
    add_films(world, guider)
    world.task = add_task(
        key="world-task",
        kind=TaskKind.CONTACT_AFTER_MISSED,
        service=service,
        team=team,
        assignee=guider,
        programme=programme,
        title="Contact the family",
        due_on=localdate(),
    )
    world.letter = letter_to_post(programme, guider)
    return world


def letter_to_post(programme, guider):
    """A family who asked for letters, told of a booking with no Notify letters:
    the guider's "post this letter" task and its letter, made as in real use."""
    from scheduling.models import DueWork, Letter, WorkKind
    from scheduling.runner import run
    from tests.helpers import book

    programme.referral.caregivers.update(
        preferred_contact="letter", address="1 Mill Lane\nStockport", safe_to_leave_message=True
    )
    visit = book(programme, guider, days=30, hour=15)
    for work in DueWork.objects.filter(visit=visit, kind=WorkKind.VISIT_MESSAGE):
        run(work.pk)
    return Letter.objects.get(task__visit=visit)


def add_films(world, guider):
    """A film the checks refused, and one still uploading, at the family's filming visit."""
    from django.utils import timezone

    from films.models import Film, FilmState, FilmUpload

    world.filming_visit = world.programme.visits.filter(kind=VisitKind.FILMING).first()
    common = {
        "programme": world.programme,
        "visit": world.filming_visit,
        "filmed_by": guider,
        "filmed_at": timezone.now(),
    }
    world.film = Film.objects.create(
        state=FilmState.REJECTED, rejection_reason="This file is not a film.", **common
    )
    receiving = Film.objects.create(state=FilmState.RECEIVING, **common)
    world.upload = FilmUpload.objects.create(film=receiving, length=10)
    # A clip still being cut (as from before the film's consent was withdrawn).
    from films.models import Clip

    world.clip = Clip.objects.create(
        film=world.film,
        programme=world.programme,
        start_ms=0,
        end_ms=2_000,
        title="Waiting for his reply",
        principles=["attentive"],
        created_by=guider,
    )


KWARGS = {
    "reference": lambda w: w.programme.reference,
    "other_reference": lambda w: w.duplicate.reference,
    "goal_id": lambda w: w.goal.public_id,
    "visit_id": lambda w: w.visit.public_id,
    "stamp": lambda w: w.stamp,
    "day": lambda w: localdate(w.visit.starts_at),
    "uidb64": lambda w: urlsafe_base64_encode(force_bytes(w.people["guider"].pk)),
    "token": lambda w: default_token_generator.make_token(w.people["guider"]),
    "film_id": lambda w: w.film.public_id,
    "upload_id": lambda w: w.upload.public_id,
    "moment_id": lambda w: w.clip.public_id,
    "clip_id": lambda w: w.clip.public_id,
    "task_id": lambda w: w.task.public_id,
    "letter_id": lambda w: w.letter.public_id,
}

# Where a namespace's pages need another object under the same argument name.
KWARGS_IN = {
    "films": {"visit_id": lambda w: w.filming_visit.public_id},
}


def kwarg(url_name, name, world):
    namespace = url_name.split(":", 1)[0]
    fill = KWARGS_IN.get(namespace, {}).get(name) or KWARGS[name]
    return fill(world)
