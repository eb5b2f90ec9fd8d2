"""'Letter by post' as a way of contact: offered wherever the preference is asked,
shown on "Check your answers", and kept; a letter needs the address."""

import pytest

from referrals.models import Referral, Route
from tests.helpers import errors
from tests.helpers import main_text as text
from tests.referrals.test_public_journey import self_steps, send, until, url, walk
from tests.referrals.test_public_professional import page, professional_steps

pytestmark = pytest.mark.django_db

PRO = Route.PROFESSIONAL
BY_LETTER = {"preferred_contact": "letter", "safe_to_leave_message": "yes"}


def test_a_parent_chooses_letters_and_must_give_the_address(
    client, service, django_capture_on_commit_callbacks
):
    steps = self_steps(**{"contact-preferences": BY_LETTER})
    walk(client, service, until(steps, "contact-preferences"))
    html = client.get(url(service, "contact-preferences")).content.decode()
    assert 'name="preferred_contact" type="radio" value="letter"' in html
    assert "Letter by post" in html
    walk(client, service, [("contact-preferences", BY_LETTER)])

    # The address is optional for others; for letters it is needed, and nothing is kept.
    response = client.post(url(service, "address"), {"address": "  "})
    assert response.status_code == 200
    assert errors(response) == ["Enter your address, so we can post letters to you"]

    walk(client, service, steps[steps.index(("address", dict(steps)["address"])) :])
    answers = text(client.get(url(service, "check-your-answers")))
    assert "Contact by Letter by post" in answers
    assert "Address 1 Mill Lane" in answers
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, service).status_code == 302
    assert Referral.objects.get().caregivers.get().preferred_contact == "letter"


def test_the_address_stays_optional_for_other_ways_of_contact(client, service):
    steps = self_steps()
    walk(client, service, until(steps, "address"))
    assert client.post(url(service, "address"), {"address": ""}).status_code == 302


def test_a_referrer_can_choose_letters_for_the_family(
    client, service, django_capture_on_commit_callbacks
):
    walk(client, service, until(professional_steps(), "family"), PRO)
    family = url(service, "family", PRO)
    assert (
        'name="preferred_contact" type="radio" value="letter"'
        in client.get(family).content.decode()
    )
    response = client.post(family, page("family", preferred_contact="letter", address=""))
    assert errors(response) == ["Enter the family's address, so we can post letters to them"]

    steps = professional_steps(family={"preferred_contact": "letter", "address": "2 Hill Road"})
    walk(client, service, steps[steps.index(("family", dict(steps)["family"])) :], PRO)
    answers = text(client.get(url(service, "check-your-answers", PRO)))
    assert "Contact by Letter by post" in answers
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, service, PRO).status_code == 302
    caregiver = Referral.objects.get().caregivers.get()
    assert (caregiver.preferred_contact, caregiver.address) == ("letter", "2 Hill Road")
