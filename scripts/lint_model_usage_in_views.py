#!/usr/bin/env python3
"""Fail on an unscoped read in a staff view: ``Model.objects`` not followed by ``.visible_to(``.

Every staff page starts its reads from ``Model.objects.visible_to(user)`` (or
from a helper in the app's ``queries.py`` that does), so "who may see what"
lives in one place per model (ADR 5, STYLE.md). This lint walks the syntax
tree of every staff view module — ``views.py``, ``*_views.py`` and everything
in a ``views/`` package of the apps below, except public pages (a module or
package named ``public…``), which have no signed-in user to scope by — and
reports:

- ``Model.objects`` (or ``Model._default_manager``/``_base_manager``) used in
  any way but ``Model.objects.visible_to(…)``;
- ``get_object_or_404(Model, …)`` / ``get_list_or_404(Model, …)`` on a bare model.

The queryset of a ``Prefetch(…)`` is fine: it only ever fetches rows related to
the (scoped) parent rows.

A justified exception says why on the same line, or on the line above:
``# allow-unscoped: <why>``. An allow-comment without a reason doesn't count.

Usage: ``scripts/lint_model_usage_in_views.py [PATH …]`` (default: the apps).
Exit status 1 when anything is found. After NHS England's
``scripts/lint_model_usage_in_views.py`` (dtos-manage-breast-screening).
"""

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("accounts", "referrals", "sessions", "consent", "films", "reports", "pages")
MANAGERS = ("objects", "_default_manager", "_base_manager")
SCOPE = "visible_to"
SHORTCUTS = ("get_object_or_404", "get_list_or_404")
ALLOW = re.compile(r"#\s*allow-unscoped\s*(?::\s*(?P<why>.*\S))?")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    column: int
    message: str

    def __str__(self):
        try:
            shown = self.path.resolve().relative_to(ROOT)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}:{self.column + 1}: {self.message}"


def is_staff_view_module(path):
    """``views.py``, ``*_views.py`` or a module in a ``views`` package; not public pages."""
    parts = path.parts
    if "migrations" in parts or "__pycache__" in parts or path.suffix != ".py":
        return False
    in_views_package = any(part == "views" for part in parts[:-1])
    if not (path.name == "views.py" or path.name.endswith("_views.py") or in_views_package):
        return False
    names = [path.stem, *parts[:-1]]
    return not any(name.startswith("public") for name in names)


def view_modules(paths):
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*.py")) if is_staff_view_module(p))
        elif is_staff_view_module(path):
            yield path


def _model_name(node):
    """``Referral`` for ``Referral`` or ``models.Referral``; None for anything else."""
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
    return name if name and name[:1].isupper() else None


def _scoped(manager, parents):
    """``Model.objects.visible_to(…)``: the manager's parent is ``.visible_to`` called."""
    parent = parents.get(manager)
    return (
        isinstance(parent, ast.Attribute)
        and parent.attr == SCOPE
        and isinstance(parents.get(parent), ast.Call)
        and parents[parent].func is parent
    )


def _in_prefetch(node, parents):
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Call) and _call_name(node) == "Prefetch":
            return True
    return False


def _call_name(call):
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None)


def _violations(tree):
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            model = _model_name(node.value)
            if model and not _scoped(node, parents) and not _in_prefetch(node, parents):
                yield (
                    node,
                    f"{model}.{node.attr} unscoped; start from {model}.objects.visible_to(user)",
                )
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in SHORTCUTS:
            first = node.args[0] if node.args else None
            model = _model_name(first) if isinstance(first, ast.Name | ast.Attribute) else None
            if model and not (isinstance(first, ast.Attribute) and first.attr in MANAGERS):
                yield (
                    node,
                    f"{node.func.id}({model}, …) unscoped; "
                    f"pass {model}.objects.visible_to(user) instead",
                )


def _allowed(lines, line):
    """An allow-comment with a reason on ``line`` or the line above."""
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            match = ALLOW.search(lines[number - 1])
            if match and (number == line or lines[number - 1].lstrip().startswith("#")):
                return bool(match.group("why"))
    return False


def lint_file(path):
    source = Path(path).read_text(encoding="utf-8")
    lines = source.splitlines()
    findings = []
    for node, message in _violations(ast.parse(source, filename=str(path))):
        if not _allowed(lines, node.lineno):
            findings.append(Finding(Path(path), node.lineno, node.col_offset, message))
    return findings


def lint(paths):
    return sorted(
        (f for path in view_modules(paths) for f in lint_file(path)),
        key=lambda f: (str(f.path), f.line, f.column),
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="files or folders (default: the apps)")
    args = parser.parse_args(argv)
    paths = args.paths or [ROOT / app for app in APPS if (ROOT / app).exists()]
    findings = lint(paths)
    for finding in findings:
        print(finding)
    if findings:
        print(
            f"\n{len(findings)} unscoped read(s) in staff views. Start from "
            "Model.objects.visible_to(user) (or a queries.py helper that does), or say why "
            "not with '# allow-unscoped: <why>'.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
