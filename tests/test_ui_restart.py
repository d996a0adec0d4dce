"""Kill the app mid-interview (SIGKILL) and start it again: same answers, same place."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from support.paths import ROOT
from support.stores import TEAM
from support.ui_driver import current_block, key, make_window, sign_in_by_keys

from cstr_desktop.court_list import ListedCase
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from PySide6.QtWidgets import QApplication
    from PySide6.QtCore import Qt
    app = QApplication([])
    from support.ui_driver import key, sign_in_by_keys
    from PySide6.QtCore import QSettings
    from ui.session import Session
    from ui.main_window import MainWindow
    from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
    settings = QSettings({settings!r}, QSettings.Format.IniFormat)
    w = MainWindow(Session(data_dir=Path({data!r}), kdf=FAST_KDF_FOR_TESTS), settings,
                   idle_minutes=60)
    w.show()
    app.processEvents()
    sign_in_by_keys(w, "sam", "assessor password")
    w.list_view.table.setFocus()
    key(Qt.Key.Key_Return)                       # open the case
    for ch in "1":                               # language: English
        key(ch)
    for ch in "2":                               # interpreter: no
        key(ch)
    w.interview_view.show_section("substance_use", "alcohol_use")
    for ch in "1":                               # alcohol: yes
        key(ch)
    w.interview_view.focus_question("drug_use")  # left here, mid-section
    app.processEvents()
    print("ready", flush=True)
    time.sleep(60)
""")


def test_killed_mid_interview_reopens_with_the_same_answers_and_place(qtbot, tmp_path,
                                                                      fresh_store):
    data = fresh_store(TEAM)
    with Store.open(data, "sam", "assessor password", kdf=FAST_KDF_FOR_TESTS) as sam:
        from datetime import date
        sam.add_case(ListedCase(date.today().isoformat(), "Cardiff", "1", "10:00", "CF-7",
                                "Price", "Ffion", "1991-02-03"))
    script = CHILD.format(tests=str(ROOT / "tests"), settings=str(tmp_path / "child.ini"),
                          data=str(data))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=ROOT,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        line = child.stdout.readline().strip()
        assert line == "ready", child.stderr.read()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()

    # The killed app's lock file is still there, naming it; the lock itself went with it.
    assert f'"pid": {child.pid}' in (data / "cstr-desktop.lock").read_text()
    window = make_window(qtbot, data, tmp_path)
    assert window.folder_problem is None and window.sign_in_view.mode == "sign_in"
    sign_in_by_keys(window, "sam", "assessor password")
    window.list_view.table.setFocus()
    key(Qt.Key.Key_Return)
    answers = window.session.store.answers(window.session.assessment_id)
    assert answers["language_preference"] == "en"
    assert answers["interpreter_used"] == "no"
    assert answers["alcohol_use"] == "yes"
    assert window.interview_view.current == "substance_use"
    assert current_block().name == "drug_use"
