"""Reach and equality; accreditation."""

from referrals.codes import EthnicCategory
from referrals.models import Relationship

from .. import queries
from ..charts import bar_chart
from ..presenters import (
    Report,
    Section,
    Table,
    percent,
    shown,
)


def _reach_table(key, caption, heading, rows, labels):
    table_rows = []
    for row in rows:
        table_rows.append(
            [
                labels.get(row["group"], row["group"] or "Not given"),
                shown(row["referred"]),
                shown(row["started"]),
                shown(row["completed"]),
                percent(row["completed"], row["referred"]),
            ]
        )
    return Table(
        key,
        caption,
        [heading, "Referred", "Started", "Completed", "Completed of referred"],
        table_rows,
    )


def reach(scope, period, now):
    data = queries.reach(scope, period.starts_at, period.ends_at)
    total = data["total"]
    ethnicity = {code: f"{label} ({code})" for code, label in EthnicCategory.choices}
    languages = {
        "english": "English",
        "other": "Another language, no interpreter",
        "interpreter": "Needs an interpreter",
    }
    children = {
        "unborn": "Unborn",
        "under_1": "Under 1 at referral",
        "older": "1 year or older at referral",
    }
    tables = [
        ("ethnicity", "By ethnic category of a parent or carer", "Ethnic category", ethnicity),
        (
            "relationship",
            "By relationship to the child",
            "Parent or carer",
            dict(Relationship.choices),
        ),
        ("language", "By language", "Language", languages),
        ("child", "By the child's age", "Child", children),
    ]
    sections = [
        Section(
            "All families",
            _reach_table(
                "total",
                f"Families referred in {period.label}",
                "Families",
                [{"group": "All families", **total}],
                {},
            ),
        )
    ]
    for key, caption, heading, labels in tables:
        table = _reach_table(
            key, f"{caption}, referred in {period.label}", heading, data[key], labels
        )
        items = [
            (labels.get(r["group"], r["group"] or "Not given"), r["referred"]) for r in data[key]
        ]
        sections.append(
            Section(
                caption, table, bar_chart(f"Families referred, {caption.lower()}", items), "bars"
            )
        )
    return Report(
        "reach",
        "Reach and equality",
        "Families referred in the period, and how many of them started and completed VIG. "
        "A family is counted in every group its parents, carers and children belong to.",
        sections,
    )


def accreditation(scope, period, now):
    progress = queries.accreditation(scope)
    rows, items, ids = [], [], []
    for pk, p in progress.items():
        # Progress against the stage being worked on (films.accreditation splits the
        # counts since records began over the stages in order).
        stage, need = p.current, p.requirement
        ids.append(pk)
        rows.append(
            [
                p.guider.full_name,
                p.stage,
                shown(stage.cycles),
                shown(stage.families),
                stage.hours,
                need.cycles,
                need.families,
                need.hours,
                max(need.cycles - stage.cycles, 0),
            ]
        )
        items.append((p.guider.full_name, stage.cycles))
    table = Table(
        "cycles",
        "Trainees' VIG cycles and supervision against their stage's requirement (AVIGuk)",
        [
            "Trainee",
            "Stage",
            "Cycles",
            "Families",
            "Supervision hours",
            "Cycles needed",
            "Families needed",
            "Hours needed",
            "Cycles to go",
        ],
        rows,
        export_ids=ids,
    )
    return Report(
        "accreditation",
        "Accreditation",
        "A cycle is a filming visit that took place, with clips, and a shared review of "
        "them. Counted over all history and given to the stages passed first, each what "
        "it needed; the rest counts towards the stage being worked on.",
        [Section("Cycles per trainee", table, bar_chart("Cycles per trainee", items), "bars")],
    )
