"""Features never read the audit trail to decide anything: what they need to know
later is kept in their own rows (``Referral.acknowledged_at``,
``SummaryDelivery.emailed_at``, ``Visit.cancelled_at``…). Only the audit trail's
own page and admin read it, and the migrations that once filled those rows."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {"tests", "migrations", "static", "templates", "var", "node_modules", "docs"}
# The model and its recorder, and the pages that show the trail to the people allowed.
READERS = {
    "accounts/models/__init__.py",
    "accounts/models/audit.py",
    "accounts/queries.py",
    "accounts/admin.py",
    "accounts/views/audit_trail.py",
}
MENTIONS = re.compile(r"audit_?event|\baudit_trail\(", re.IGNORECASE)


def our_modules():
    tops = [p for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")]
    for path in sorted(ROOT.glob("*.py")) + [p for top in tops for p in top.rglob("*.py")]:
        relative = path.relative_to(ROOT)
        if not SKIP & set(relative.parts):
            yield relative.as_posix(), path


def test_no_feature_reads_the_audit_trail():
    modules = dict(our_modules())
    assert "vig_service/mail.py" in modules and "sessions/actions/sending.py" in modules

    readers = {
        name
        for name, path in modules.items()
        if MENTIONS.search(path.read_text())
        and name not in READERS
        and not name.startswith("accounts/audit/")
    }

    assert readers == set()
