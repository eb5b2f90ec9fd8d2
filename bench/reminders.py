"""10,000 reminders due at once, two workers, Redis + PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vig_i10 \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/4 REDIS_URL=redis://127.0.0.1:6379/5 \\
    nice -n 10 .venv/bin/python bench/reminders.py [--reminders 10000] [--workers 2] \\
        [--pool prefork] [--concurrency 2] [--prefetch 4]

It empties the bench database (flush: it must be a database of its own), makes
1,000 families with 10 booked visits each (each caregiver holding the link its
booking message gave; `--without-links` for none), and one reminder due now per visit,
starts the workers (by default as the README deploys them: prefork, with the
concurrency given), runs the sweep once and waits. The target: every reminder
emailed within 60 s of the sweep, no email twice, none lost — counted both in
the message log and in what the email backend wrote — and the sweep's queries:
three per claim batch, whatever the batch holds. It ends with one PASS or FAIL
line, the time from the sweep to the last message, and the machine's load
average while it ran (a busy machine makes every figure slower).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
TARGET_SECONDS = 60


def setup_django(mail_file):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vig_service.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdef0123456789")
    os.environ["EMAIL_BACKEND"] = "benchmail.AppendBackend"
    os.environ["BENCH_MAIL_FILE"] = str(mail_file)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of the bench's own.")
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis"):
        sys.exit("Set CELERY_BROKER_URL to a Redis database of the bench's own.")
    import django

    django.setup()


def make_data(count, families, *, links=True):
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import Role, Service, Team, User
    from referrals.models import Caregiver, Referral
    from scheduling.models import DueWork, WorkKind
    from sessions.models import Programme, Visit

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    service = Service.objects.create(name="Bench VIG Service", slug="bench")
    team = Team.objects.create(service=service, name="Bench team")
    guiders = [
        User.objects.create_user(
            f"guider{n}@bench.invalid", full_name=f"Guider {n}", team=team, role=Role.PRACTITIONER
        )
        for n in range(100)
    ]
    referrals = Referral.objects.bulk_create(
        Referral(
            reference=f"VIG-{n:04d}-BNCH",
            service=service,
            route="self",
            source="B1",
            status="allocated",
            team=team,
            allocated_to=guiders[n % 100],
        )
        for n in range(families)
    )
    Caregiver.objects.bulk_create(
        Caregiver(
            referral=r,
            first_name="Sam",
            last_name=f"Family{n}",
            relationship="mother",
            email=f"family{n}@bench.invalid",
            preferred_contact="email",
            safe_to_leave_message=True,
            postcode="SK1 3XE",
        )
        for n, r in enumerate(referrals)
    )
    programmes = Programme.objects.bulk_create(
        Programme(referral=r, guider=guiders[n % 100], team=team) for n, r in enumerate(referrals)
    )
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    per_family = count // families
    visits = []
    for n, programme in enumerate(programmes):
        for k in range(per_family):
            # Each guider's families take turns, an hour apart: no overlaps.
            starts = start + timedelta(hours=(n // 100) * per_family + k)
            visits.append(
                Visit(
                    programme=programme,
                    team=team,
                    practitioner=programme.guider,
                    created_by=programme.guider,
                    kind="other",
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=60),
                    place="clinic",
                    place_detail="Bench clinic",
                )
            )
    visits = Visit.objects.bulk_create(visits, batch_size=2000)
    due = timezone.now() - timedelta(seconds=1)
    DueWork.objects.bulk_create(
        (
            DueWork(
                key=f"bench:{v.pk}",
                kind=WorkKind.REMINDER,
                service=service,
                programme_id=v.programme_id,
                visit=v,
                due_at=due,
                payload={"days": 2, "starts_at": v.starts_at.isoformat()},
            )
            for v in visits
        ),
        batch_size=2000,
    )
    if links:
        # As after each visit's booking message, which gave every caregiver it
        # reached a manage-my-appointment link; --without-links leaves each
        # reminder to make its own (visits booked before links existed).
        from scheduling.models import AppointmentLink

        caregivers = dict(Caregiver.objects.values_list("referral_id", "pk"))
        programme_referral = {p.pk: p.referral_id for p in programmes}
        AppointmentLink.objects.bulk_create(
            (
                AppointmentLink(
                    visit=v, caregiver_id=caregivers[programme_referral[v.programme_id]]
                )
                for v in visits
            ),
            batch_size=2000,
        )
    return len(visits)


def start_workers(number, pool_name, concurrency, prefetch):
    # CELERY_DB_REUSE_MAX: the connections (and their PostgreSQL backends, whose
    # CPU is counted) last the whole run instead of being renewed every 1,000 tasks.
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}",
        "CELERY_DB_REUSE_MAX": "1000000",
    }
    pool = [f"--pool={pool_name}"]
    if pool_name != "solo":
        pool.append(f"--concurrency={concurrency}")
    celery = str(ROOT / ".venv/bin/celery")
    return [
        subprocess.Popen(  # noqa: S603 — our own celery, our own arguments
            [
                celery,
                "-A",
                "vig_service",
                "worker",
                *pool,
                "-n",
                f"bench{n}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--prefetch-multiplier={prefetch}",
                "-l",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for n in range(number)
    ]


def cpu_seconds(pids):
    """CPU used so far by processes ``pids`` and their children (Linux ``/proc``)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue  # gone, or on another host
        total += int(fields[11]) + int(fields[12])  # utime + stime, in ticks
        total += cpu_seconds([int(child) for child in children]) * os.sysconf("SC_CLK_TCK")
    return total / os.sysconf("SC_CLK_TCK")


def backend_pids(connection):
    """The PostgreSQL backends serving the workers (their CPU counts if on this host).

    A backend lasts as long as its connection (``CONN_MAX_AGE``, 60 s): the bench
    reads them every half second and keeps the last figure of each."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pool", choices=["prefork", "threads", "solo"], default="prefork")
    parser.add_argument(
        "--concurrency", type=int, default=2, help="tasks at once per worker (not for solo)"
    )
    parser.add_argument(
        "--prefetch", type=int, default=4, help="messages a pool process holds (README)"
    )
    parser.add_argument(
        "--without-links",
        action="store_true",
        help="no booking message went first: each reminder makes its family's link",
    )
    args = parser.parse_args()
    mail_file = Path(tempfile.mkstemp(prefix="bench-mail-", suffix=".txt")[1])
    setup_django(mail_file)

    from django.db import connection
    from django.db.models import Count, Max
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from scheduling.models import MessageLog, MessageStatus
    from scheduling.sweep import BATCH, sweep
    from vig_service.celery import app

    made = make_data(
        args.reminders, families=max(args.reminders // 10, 1), links=not args.without_links
    )
    print(f"{made} reminders due now")
    app.control.purge()
    workers = start_workers(args.workers, args.pool, args.concurrency, args.prefetch)
    load = [os.getloadavg()[0]]
    try:
        time.sleep(6)  # the workers connect
        # From here on: what sending costs, not starting Python and Django.
        worker_pids = [worker.pid for worker in workers]
        backends = {pid: cpu_seconds([pid]) for pid in backend_pids(connection)}
        cpu_before = cpu_seconds(worker_pids) + sum(backends.values())
        began, began_at = time.monotonic(), timezone.now()
        with CaptureQueriesContext(connection) as sweep_queries:
            print(*sweep(), sep="\n")
        swept = time.monotonic() - began
        sent = 0
        while time.monotonic() - began < TARGET_SECONDS * 3:
            sent = MessageLog.objects.filter(status=MessageStatus.SENT).count()
            if sent >= made:
                break
            load.append(os.getloadavg()[0])
            backends.update({pid: cpu_seconds([pid]) for pid in backend_pids(connection)})
            time.sleep(0.5)
        elapsed = time.monotonic() - began
        time.sleep(3)  # anything sent twice would land now
        worker_cpu = cpu_seconds(worker_pids)
        backends.update({pid: cpu_seconds([pid]) for pid in backend_pids(connection)})
        database_cpu = sum(backends.values())
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    lines = mail_file.read_text().splitlines()
    links = Counter(line.split("\t")[2] for line in lines)
    duplicates = sum(n - 1 for n in links.values() if n > 1)
    logged = MessageLog.objects.filter(status=MessageStatus.SENT).count()
    batches = -(-made // BATCH)
    print(f"sweep: {swept:.1f} s, {len(sweep_queries)} queries for {batches} claim batches")
    print(f"sent: {logged} logged, {len(lines)} emails, in {elapsed:.1f} s")
    last = MessageLog.objects.aggregate(last=Max("sent_at"))["last"]
    to_last = (last - began_at).total_seconds() if last else float("nan")
    from scheduling.models import DueWork, WorkState

    states = dict(
        DueWork.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    # Not sent in the window is not lost: a row still due or claimed is sent by
    # a later sweep (stale claims are queued again); only "failed" rows are lost.
    print(f"duplicates: {duplicates}; not sent in the window: {made - len(links)}")
    print(f"rows: {states}; lost (failed): {states.get(WorkState.FAILED, 0)}")
    # CPU per reminder does not depend on how busy the machine is: the figure to
    # compare between runs on a shared machine.
    # Backends of connections made after the sweep began count whole; those
    # before (the workers' first connections) count from the sweep on.
    spent = worker_cpu + database_cpu - cpu_before
    print(
        f"CPU from the sweep on: workers {worker_cpu:.1f} s and their database backends "
        f"{database_cpu:.1f} s in all, less {cpu_before:.1f} s before: "
        f"{1000 * spent / max(logged, 1):.1f} ms a reminder"
    )
    ok = to_last <= TARGET_SECONDS and duplicates == 0 and len(links) == made == logged
    print(
        f"{'PASS' if ok else 'FAIL'}: {logged} of {made} reminders sent, the last "
        f"{to_last:.1f} s after the sweep began (target {TARGET_SECONDS} s), "
        f"{duplicates} duplicates, {states.get(WorkState.FAILED, 0)} failed; "
        f"{args.workers} workers, pool {args.pool}"
        f"{'' if args.pool == 'solo' else f' x{args.concurrency}'}, prefetch {args.prefetch}; "
        f"load average (1 min) {min(load):.1f}-{max(load):.1f}, "
        f"mean {sum(load) / len(load):.1f}, on {os.cpu_count()} CPUs"
    )
    mail_file.unlink()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
