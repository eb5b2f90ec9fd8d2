"""The sweep claims due work in batches of fixed cost, once, and loses nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from scheduling.models import DueWork, WorkKind, WorkState
from scheduling.runner import MAX_ATTEMPTS, run
from scheduling.sweep import sweep

pytestmark = pytest.mark.django_db


def due_rows(service, count, prefix="r"):
    past = timezone.now() - timedelta(minutes=1)
    DueWork.objects.bulk_create(
        DueWork(key=f"{prefix}{n}", kind=WorkKind.CHECK_IN, service=service, due_at=past)
        for n in range(count)
    )


def sweep_queries(**kwargs):
    with CaptureQueriesContext(connection) as queries:
        sweep(**kwargs)
    return len(queries)


def test_the_sweeps_queries_do_not_grow_with_the_rows_in_a_batch(service):
    due_rows(service, 3, "a")
    few = sweep_queries()
    due_rows(service, 60, "b")
    many = sweep_queries()
    assert few == many
    assert DueWork.objects.filter(state=WorkState.CLAIMED).count() == 63


def test_a_second_sweep_claims_nothing_already_claimed(service):
    due_rows(service, 5)
    sweep()
    claimed = dict(DueWork.objects.values_list("pk", "claim"))
    sweep()
    assert dict(DueWork.objects.values_list("pk", "claim")) == claimed
    assert DueWork.objects.filter(attempts=1).count() == 5


def test_work_claimed_but_never_finished_is_made_due_again_then_failed(service, settings):
    settings.SCHEDULING_CLAIM_TIMEOUT = 60
    due_rows(service, 1)
    sweep()
    (work,) = DueWork.objects.all()
    later = timezone.now() + timedelta(minutes=5)
    sweep(now=later)  # the queued task was lost: claimed again
    work.refresh_from_db()
    assert (work.state, work.attempts) == (WorkState.CLAIMED, 2)
    DueWork.objects.filter(pk=work.pk).update(attempts=MAX_ATTEMPTS)
    sweep(now=later + timedelta(minutes=5))
    work.refresh_from_db()
    assert work.state == WorkState.FAILED and "never finished" in work.last_error


def test_a_bug_fails_the_row_at_once_and_is_raised(service, monkeypatch):
    due_rows(service, 1)
    sweep()
    (work,) = DueWork.objects.all()
    with pytest.raises(AttributeError):
        run(work.pk)  # a check-in without a programme: a bug
    work.refresh_from_db()
    assert work.state == WorkState.FAILED and "AttributeError" in work.last_error


def test_manage_py_sweep_runs_the_schedule_sweep_too(service):
    due_rows(service, 2)
    out = StringIO()
    call_command("sweep", "--dry-run", stdout=out)
    assert "scheduling-sweep" in out.getvalue() and "Would queue 2 due" in out.getvalue()
    assert DueWork.objects.filter(state=WorkState.DUE).count() == 2
