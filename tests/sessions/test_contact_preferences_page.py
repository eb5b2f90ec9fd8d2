"""The guider or the team lead changes how the family may be contacted; a bad
answer is explained and changes nothing; the change is audited, by field name."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from tests.helpers import errors, signed_in_client, text

pytestmark = pytest.mark.django_db

GOOD = {
    "preferred_contact": "letter",
    "safe_to_leave_message": "yes",
    "phone": "07700 900982",
    "email": "sam.jones@family.invalid",
    "address": "1 Mill Lane\nStockport",
    "language": "Polish",
    "interpreter_needed": "yes",
}


def url(programme):
    return reverse("programmes:contact", args=[programme.referral.reference])


def test_the_guider_changes_the_preferences_to_letters(programme, practitioner):
    client = signed_in_client(practitioner)
    case = client.get(reverse("programmes:case", args=[programme.referral.reference]))
    assert url(programme) in case.content.decode()
    page = client.get(url(programme))
    assert page.status_code == 200
    assert 'value="letter"' in page.content.decode() and "Letter by post" in text(page)
    response = client.post(url(programme), GOOD)
    assert response.status_code == 302
    caregiver = programme.referral.caregivers.get()
    assert (caregiver.preferred_contact, caregiver.address, caregiver.language) == (
        "letter",
        "1 Mill Lane\nStockport",
        "Polish",
    )
    assert caregiver.phone == "07700900982" and caregiver.interpreter_needed is True
    event = AuditEvent.objects.get(action="referral.contact_changed")
    assert event.details["changed"] == [
        "preferred_contact",
        "safe_to_leave_message",
        "address",
        "language",
        "interpreter_needed",
    ]
    assert "Stockport" not in str(event.details)  # names of fields, never values
    page = text(client.get(response["Location"]))
    assert "Prefers: letter by post" in page and "Language: Polish" in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({"address": " "}, "Enter their address to contact them by letter"),
        (
            {"preferred_contact": "text", "phone": "0161 496 0000"},
            "Enter a mobile phone number to contact them by text message",
        ),
        ({"phone": "12345"}, "Enter a UK phone number, like 07700 900 982 or 0161 496 0000"),
        ({"preferred_contact": "pigeon"}, "Select how they would like us to contact them"),
        ({"safe_to_leave_message": ""}, "Select yes if we can leave a message"),
    ],
)
def test_bad_answers_are_explained_and_nothing_changes(programme, practitioner, change, message):
    client = signed_in_client(practitioner)
    response = client.post(url(programme), {**GOOD, **change})
    assert response.status_code == 200
    assert message in errors(response)
    assert programme.referral.caregivers.get().preferred_contact == "email"
    assert not AuditEvent.objects.filter(action="referral.contact_changed").exists()


def test_saving_with_nothing_changed_records_nothing(programme, practitioner):
    client = signed_in_client(practitioner)
    initial = {
        **GOOD,
        "preferred_contact": "email",
        "safe_to_leave_message": "no",
        "address": "",
        "language": "",
        "interpreter_needed": "no",
    }
    programme.referral.caregivers.update(safe_to_leave_message=False)
    assert client.post(url(programme), initial).status_code == 302
    assert not AuditEvent.objects.filter(action="referral.contact_changed").exists()
