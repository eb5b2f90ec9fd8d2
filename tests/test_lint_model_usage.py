"""scripts/lint_model_usage_in_views.py: unscoped reads in staff views fail ``make lint``."""

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "lint_model_usage_in_views.py"
_spec = importlib.util.spec_from_file_location("lint_model_usage_in_views", SCRIPT)
lint_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lint_script)


def write(tmp_path, relative, source):
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    return path


def found(tmp_path):
    return [(f.path.relative_to(tmp_path).as_posix(), f.line) for f in lint_script.lint([tmp_path])]


@pytest.mark.parametrize(
    "line",
    [
        "Referral.objects.filter(team=user.team)",
        "Referral.objects.all().visible_to(user)",
        "list(Referral.objects.visible_to)",
        "models.Referral.objects.get(pk=1)",
        "Referral._default_manager.all()",
        "get_object_or_404(Referral, reference=reference)",
        "get_list_or_404(Referral)",
        "query = Referral.objects",
    ],
)
def test_unscoped_reads_are_found(tmp_path, line):
    write(tmp_path, "referrals/views.py", f"def page(request, user):\n    {line}\n")

    assert found(tmp_path) == [("referrals/views.py", 2)]


@pytest.mark.parametrize(
    "line",
    [
        "Referral.objects.visible_to(user).filter(status='new')",
        "get_object_or_404(Referral.objects.visible_to(user), reference=reference)",
        "programme.visits.filter(state='booked')",
        "queries.inbox(user)",
        "Prefetch('visits', queryset=Visit.objects.order_by('starts_at'))",
        "self.objects.all()",
        "Referral.objects.filter(pk=1)  # allow-unscoped: the public reference is the key",
    ],
)
def test_scoped_reads_and_justified_exceptions_pass(tmp_path, line):
    write(tmp_path, "referrals/views.py", f"def page(request, user):\n    {line}\n")

    assert found(tmp_path) == []


def test_an_allow_comment_may_stand_on_the_line_above_but_needs_a_reason(tmp_path):
    write(
        tmp_path,
        "sessions/views/diary.py",
        """\
        def page(request):
            # allow-unscoped: the practitioner's own diary, filtered by practitioner=user
            ok = Visit.objects.filter(practitioner=request.user)
            # allow-unscoped
            not_ok = Visit.objects.all()
            also_not_ok = Visit.objects.all()  # allow-unscoped:
        """,
    )

    assert found(tmp_path) == [("sessions/views/diary.py", 5), ("sessions/views/diary.py", 6)]


def test_only_staff_view_modules_are_read(tmp_path):
    unscoped = "def f():\n    return Referral.objects.all()\n"
    for module in [
        "referrals/views.py",
        "referrals/staff_views.py",
        "sessions/views/visits.py",
        "referrals/views/staff.py",
        # Not views, or public pages with no signed-in user:
        "referrals/queries.py",
        "referrals/actions.py",
        "referrals/public_views.py",
        "referrals/views/public.py",
        "referrals/views/public/journey.py",
        "referrals/migrations/0001_initial.py",
    ]:
        write(tmp_path, module, unscoped)

    assert sorted(path for path, _ in found(tmp_path)) == [
        "referrals/staff_views.py",
        "referrals/views.py",
        "referrals/views/staff.py",
        "sessions/views/visits.py",
    ]


def test_the_script_exits_non_zero_and_names_each_place(tmp_path):
    write(tmp_path, "consent/views.py", "def f():\n    return ConsentRecord.objects.all()\n")
    write(tmp_path, "accounts/views/home.py", "def f(u):\n    return User.objects.visible_to(u)\n")

    failed = subprocess.run(  # noqa: S603 — our own script
        [sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True, check=False
    )
    passed = subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT), str(tmp_path / "accounts")],
        capture_output=True,
        text=True,
        check=False,
    )

    assert failed.returncode == 1
    assert "consent/views.py:2:12: ConsentRecord.objects unscoped" in failed.stdout
    assert "allow-unscoped" in failed.stderr
    assert (passed.returncode, passed.stdout) == (0, "")


def test_accounts_views_read_only_through_scoped_queries():
    assert lint_script.lint([ROOT / "accounts"]) == []
