"""Plain rows for tests. Meaningful state (consent, triage…) comes from actions."""

import factory

from accounts.models import AccreditationStage, Role, Service, Team, User

# The password every test user has; tests sign in with it.
PASSWORD = "correct horse battery staple"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test VIG Service {n}")
    slug = factory.Sequence(lambda n: f"test-service-{n}")
    contact_phone = "01632 960 000"
    contact_email = factory.Sequence(lambda n: f"vig-{n}@service.invalid")
    eligible_areas = "SK1, SK2, SK4 3"
    max_child_age_months = 60
    accepts_unborn = False


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@trust.invalid")
    full_name = factory.Sequence(lambda n: f"Staff Member {n}")
    role = Role.PRACTITIONER
    team = factory.SubFactory(TeamFactory)
    accreditation_stage = AccreditationStage.ACCREDITED

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])
