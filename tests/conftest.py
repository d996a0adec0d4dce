"""Shared fixtures. Qt runs offscreen in every test.

Helpers live in ``tests/support`` (a package); no test imports this file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from support.paths import EXAMPLES
from support.stores import new_store, remove_templates
from support.tools import missing_apt_tools

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

# Central records' fixtures (servers over TLS, PostgreSQL) live in tests/central, which has
# no conftest.py of its own: a second module named conftest would hide this one from the
# tests that import it.
sys.path.insert(0, str(Path(__file__).resolve().parent / "central"))
pytest_plugins = ["central_fixtures"]


def pytest_sessionstart(session) -> None:
    """The system tools from apt, checked once with one clear message."""
    problem = missing_apt_tools()
    if problem:
        pytest.exit(problem, returncode=4)


def pytest_sessionfinish(session, exitstatus) -> None:
    remove_templates()


@pytest.fixture(scope="session")
def bundle():
    from cstr_desktop.form_loader import load_bundle

    return load_bundle()


@pytest.fixture
def example_answers():
    def load(name: str) -> dict:
        return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))["answers"]

    return load


@pytest.fixture
def fresh_store(tmp_path):
    """The one store factory (like sqlite-utils' ``fresh_db``):
    ``fresh_store(accounts=None, sign_in=None, folder=None)`` makes a store in
    ``tmp_path / "data"`` (or ``folder``) with its administrator and ``accounts``
    (``{name: (password, role)}``, e.g. ``support.stores.TEAM``) and returns its folder,
    or with ``sign_in=NAME`` that account's open session, closed after the test."""
    opened = []

    def make(accounts=None, sign_in=None, folder=None, **kwargs):
        made = new_store(folder or tmp_path / "data", accounts, sign_in=sign_in, **kwargs)
        if sign_in is not None:
            opened.append(made)
        return made

    yield make
    for store in opened:
        store.close(backup=False)  # safe when the test closed it already
