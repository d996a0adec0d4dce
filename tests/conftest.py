"""Shared fixtures. Qt runs offscreen in every test."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Offscreen unless told otherwise (QT_QPA_PLATFORM=xcb under xvfb-run runs them on X).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The validated-forms cache of the tests' own, not the user's (form_cache.py).
os.environ.setdefault("CSTR_FORM_CACHE", os.path.join(tempfile.gettempdir(),
                                                      f"cstr-test-form-cache-{os.getuid()}"))

# The landing gate must not turn red on a new random example it happened to
# draw: by default Hypothesis draws the same examples every run. To search
# further (new examples each run), set HYPOTHESIS_PROFILE=explore.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent
# Central records' fixtures (servers over TLS, PostgreSQL) live in tests/central, which has
# no conftest.py of its own: a second module named conftest would hide this one from the
# tests that import it.
sys.path.insert(0, str(Path(__file__).resolve().parent / "central"))
pytest_plugins = ["central_fixtures"]
# The contract's examples are facts: the tests carry their own copies, so a fresh
# clone passes alone (test_cli checks them against ../shared when it is there).
EXAMPLES = ROOT / "tests" / "data" / "examples"
SHARED_EXAMPLES = ROOT.parent / "shared" / "examples"


@pytest.fixture(scope="session")
def bundle():
    from cstr_desktop.form_loader import load_bundle

    return load_bundle()


@pytest.fixture
def example_answers():
    def load(name: str) -> dict:
        return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))["answers"]

    return load
