"""A reminder costs the database a fixed number of queries per message, whatever
the size of the family: 10,000 reminders at once must not mean 10,000 × N+1.

Counted on the task's own work (``runner.run``), as a worker runs it; inside a
test the transactions are savepoints, counted like BEGIN/COMMIT would be.
"""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from referrals.models import Caregiver
from scheduling.models import AppointmentLink, DueWork, MessageLog, WorkKind, WorkState
from scheduling.runner import run
from tests.helpers import book, open_programme

pytestmark = pytest.mark.django_db

# Reading the row with its visit, programme and service; reading the family's
# caregivers with their links; marking the row done.
FIXED = 3
# A savepoint (a transaction, in a worker), inserting the log row as sent, and
# releasing (committing) once the email has gone.
PER_EMAIL = 3
# Links made for every caregiver who has none (a reminder before any booking
# message): one insert (in a worker, in a transaction of its own), and reading
# the nonces back.
MAKING_LINKS = 2


def family_of(team, team_lead, practitioner, caregivers):
    programme = open_programme(
        team.service, team_lead=team_lead, practitioner=practitioner, last_name="Jones"
    )
    for n in range(1, caregivers):
        Caregiver.objects.create(
            referral=programme.referral,
            first_name=f"Alex{n}",
            last_name="Jones",
            relationship="father",
            email=f"alex{n}@family.invalid",
            preferred_contact="email",
            safe_to_leave_message=True,
            postcode="SK1 3XE",
        )
    return programme


def reminder_queries(programme, practitioner, *, booking_sent=True):
    """Book a visit, (send its booking message,) and run its 7-day reminder."""
    visit = book(programme, practitioner, days=10)
    if booking_sent:
        booking = DueWork.objects.get(visit=visit, kind=WorkKind.VISIT_MESSAGE)
        assert run(booking.pk) == "done"  # the links are made here, as in life
    reminder = DueWork.objects.get(visit=visit, kind=WorkKind.REMINDER, payload__days=7)
    DueWork.objects.filter(pk=reminder.pk).update(state=WorkState.CLAIMED)
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        assert run(reminder.pk) == "done"
    assert len(mail.outbox) == programme.referral.caregivers.count()
    return len(queries)


@pytest.mark.parametrize("caregivers", [1, 2, 3])
def test_a_reminder_costs_a_fixed_number_of_queries_per_email(
    team, team_lead, practitioner, caregivers
):
    programme = family_of(team, team_lead, practitioner, caregivers)
    assert reminder_queries(programme, practitioner) == FIXED + PER_EMAIL * caregivers


@pytest.mark.parametrize("caregivers", [1, 3])
def test_links_missing_for_the_whole_family_are_made_at_once(
    team, team_lead, practitioner, caregivers
):
    programme = family_of(team, team_lead, practitioner, caregivers)
    queries = reminder_queries(programme, practitioner, booking_sent=False)
    assert queries == FIXED + MAKING_LINKS + PER_EMAIL * caregivers
    assert AppointmentLink.objects.filter(revoked_at__isnull=True).count() == caregivers


def test_a_reminder_run_twice_reads_the_log_and_sends_nothing(team, team_lead, practitioner):
    programme = family_of(team, team_lead, practitioner, 2)
    reminder_queries(programme, practitioner)
    (work,) = DueWork.objects.filter(kind=WorkKind.REMINDER, state=WorkState.DONE)
    DueWork.objects.filter(pk=work.pk).update(state=WorkState.CLAIMED)  # delivered again
    mail.outbox.clear()
    assert run(work.pk) == "done"
    assert mail.outbox == []
    assert MessageLog.objects.filter(template="visit_reminder").count() == 2
