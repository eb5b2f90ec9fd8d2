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
    contact_phone = "0300 000 0000"
    contact_email = factory.Sequence(lambda n: f"vig-{n}@service.invalid")


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
