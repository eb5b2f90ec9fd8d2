"""Fictional families for the demo, made through the same actions the app uses.

Names are invented; postcodes use the demo services' made-up areas (NM, RV);
phone numbers are Ofcom's drama range; emails use the reserved .example domain.
Only added to a service that has no referrals yet, so running it again is safe.
"""

import uuid
from datetime import date, datetime, timedelta

from django.utils import timezone

from consent.actions import record_consent
from consent.models import ConsentFormVersion, Method, Scope
from films.demo import add_demo_moments, add_ready_film
from referrals import actions as referral_actions
from referrals.actions import CaregiverDetails, ChildDetails, ReferralDetails
from referrals.codes import ReferralSource
from referrals.models import Referral, Route
from sessions import actions as programme_actions
from sessions.models import Attendance, RatingWhen, VisitKind

CONSENT_TEXT = """\
About filming

Your practitioner would like to film you and your baby for a few minutes, at a time
and place you choose. They will watch the film and pick out short clips of moments
that go well, then watch the clips with you.

You choose who else may see the clips. You can say yes or no to each part below.
You can ask us to stop filming at any time, and you can change your mind later.
Saying no, or changing your mind, will not change the care you get from us.

We keep the film safely and only for as long as we are working with you. We delete
it within 2 months of the end of the programme, or sooner if you ask.
"""


def _at(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=timezone.get_current_timezone())


def _refer(service, *, route, first, last, postcode, child, born=None, due=None, email="", **extra):
    details = ReferralDetails(
        help_wanted=extra.pop("help_wanted", ""),
        children=[ChildDetails(first_name=child, last_name=last, date_of_birth=born, due_date=due)],
        **extra,
    )
    referral, _ = referral_actions.submit_referral(
        service=service,
        route=route,
        source=ReferralSource.SELF if route == Route.SELF else ReferralSource.HEALTH_VISITOR,
        caregiver=CaregiverDetails(
            first_name=first,
            last_name=last,
            relationship="mother",
            postcode=postcode,
            phone=f"07700900{100 + sum(map(ord, first)) % 900}",
            email=email,
            preferred_contact="phone",
            safe_to_leave_message=True,
        ),
        details=details,
        submission_key=uuid.uuid4(),
    )
    return referral


def seed_consent_form(service):
    ConsentFormVersion.objects.get_or_create(
        service=service,
        version="1.0",
        defaults={"effective_from": date(2026, 1, 1), "text": CONSENT_TEXT},
    )


def seed_families(service, *, lead, guider, write=print):
    """A few referrals in different states, and one family part-way through VIG:
    one filming visit with a ready film to watch, and one with none yet to try an upload."""
    if Referral.objects.filter(service=service).exists():
        return 0
    today = timezone.localdate()
    area = "NM1" if service.slug == "northmoor" else "RV1"
    professional = {
        "referrer_name": "Jo Fielding",
        "referrer_role": "Health visitor",
        "referrer_organisation": f"{service.name} health visiting",
        "referrer_email": "jo.fielding@hv.example",
        "referrer_phone": "01632960300",
        "family_agreed": True,
        "relationship_need": "Mum finds it hard to feel close to her baby since a difficult birth.",
    }
    route = Route.SELF if service.self_referral_open else Route.PROFESSIONAL
    extra = {"help_wanted": "I'd like to feel more confident with my baby."}
    if route == Route.PROFESSIONAL:
        extra = professional
    new = _refer(
        service,
        route=route,
        first="Layla",
        last="Hussain",
        postcode=f"{area} 2AB",
        child="Zara",
        born=today - timedelta(days=120),
        email="layla@family.example",
        **extra,
    )
    # A likely duplicate of the first: same baby, referred again by a professional.
    _refer(
        service,
        route=Route.PROFESSIONAL,
        first="Layla",
        last="Hussain",
        postcode=f"{area} 2AB",
        child="Zara",
        born=new.children.get().date_of_birth,
        **professional,
    )
    waiting = _refer(
        service,
        route=Route.PROFESSIONAL,
        first="Grace",
        last="Adeyemi",
        postcode=f"{area} 4CD",
        child="Baby",
        due=today + timedelta(days=60),
        **professional,
    )
    referral_actions.triage(referral=waiting, decision="accept", priority=2, by=lead)

    active = _refer(
        service,
        route=Route.PROFESSIONAL,
        first="Megan",
        last="Price",
        postcode=f"{area} 6EF",
        child="Alfie",
        born=today - timedelta(days=300),
        email="megan@family.example",
        **professional,
    )
    referral_actions.triage(referral=active, decision="accept", priority=1, by=lead)
    referral_actions.allocate(referral=active, practitioner=guider, by=lead)
    active.refresh_from_db()
    programme = active.programme
    caregiver = active.caregivers.get()
    first = programme_actions.book_visit(
        programme=programme,
        kind=VisitKind.FIRST_MEETING,
        starts_at=_at(-14, 10),
        place="home",
        by=guider,
    )
    programme_actions.record_outcome(visit=first, attendance=Attendance.ATTENDED, by=guider)
    record_consent(
        programme=programme,
        caregiver=caregiver,
        method=Method.SIGNED_ON_SCREEN,
        signed_name=caregiver.full_name,
        visit=first,
        by=guider,
        answers={scope: scope != Scope.TRAINING for scope in Scope.values},
    )
    goal = programme_actions.add_goal(
        programme=programme,
        text="I want to feel more confident playing with Alfie",
        helping_question="What am I doing that helps Alfie enjoy playing with me?",
        by=guider,
    )
    programme_actions.rate_goals(
        programme=programme,
        scores={goal.pk: 3},
        when=RatingWhen.BASELINE,
        visit=first,
        rated_on=first.starts_at.date(),
        by=guider,
    )
    filmed = programme_actions.book_visit(
        programme=programme,
        kind=VisitKind.FILMING,
        starts_at=_at(-10, 14),
        place="home",
        by=guider,
    )
    programme_actions.record_outcome(visit=filmed, attendance=Attendance.ATTENDED, by=guider)
    filmed.refresh_from_db()
    film = add_ready_film(visit=filmed, by=guider, write=write)
    add_demo_moments(film=film, by=guider, write=write)
    filming = programme_actions.book_visit(
        programme=programme,
        kind=VisitKind.FILMING,
        starts_at=_at(-7, 14),
        place="family_hub",
        by=guider,
    )
    programme_actions.record_outcome(visit=filming, attendance=Attendance.ATTENDED, by=guider)
    programme_actions.book_visit(
        programme=programme,
        kind=VisitKind.SHARED_REVIEW,
        starts_at=_at(3, 10),
        place="home",
        duration_minutes=90,
        by=guider,
    )
    return 4
