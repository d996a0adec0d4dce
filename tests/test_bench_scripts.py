"""The bench scripts are run by people, not by the suite: check at least that every
module they import (at the top or inside a function) can be found, so moving a test
helper cannot silently break a bench."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SEARCH = [BENCH, ROOT / "tests", ROOT / "tests" / "central", ROOT]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_every_import_of_a_bench_script_resolves(script, monkeypatch):
    monkeypatch.setattr(sys, "path", [str(p) for p in SEARCH] + sys.path)
    missing = sorted(name for name in imported_modules(script)
                     if importlib.util.find_spec(name) is None)
    assert missing == [], f"{script.name} imports modules that do not exist: {missing}"
