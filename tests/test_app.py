"""The app starts on the sign-in screen; the version is one number everywhere."""

from __future__ import annotations

import tomllib

from support.paths import ROOT
from support.ui_driver import make_window

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


def test_check_start_brings_the_real_app_up_to_sign_in_and_quits(tmp_path):
    import os
    import subprocess
    import sys

    exe = os.path.join(os.path.dirname(sys.executable), "cstr-desktop")
    proc = subprocess.run([exe, "--check-start", "--data-dir", str(tmp_path / "d")],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                               "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "cstr-desktop: the sign-in window is up"
    assert not (tmp_path / "d").exists()  # looking is not creating a store
