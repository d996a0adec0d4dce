"""The app starts on the sign-in screen; the version is one number everywhere."""

from __future__ import annotations

import tomllib

from conftest import ROOT
from ui_driver import make_window

from cstr_desktop import __version__


def test_version_matches_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


def test_first_run_offers_to_create_the_store(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "data", tmp_path)
    assert window.windowTitle() == "CSTR Court Day"
    assert window.stack.currentWidget() is window.sign_in_view
    assert window.sign_in_view.mode == "create"
    assert window.interview_view is None  # built at first sign-in, not at start
    assert not window.menu_actions["import_list"].isEnabled()
    assert window.menu_actions["quit"].isEnabled()
