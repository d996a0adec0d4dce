"""The Qt binding must not leak references to None, True or False.

PySide6 6.12.0 under Python 3.11 dropped one reference to None on every void
Qt call (``setText``, ``setEnabled``, ``show``...), so after a few thousand
calls None was freed and the app aborted with "Fatal Python error:
none_dealloc" in the middle of a court day. Python 3.12+ hides the leak
(immortal objects), so this test can pass there whatever the binding does; on
3.11 it fails on the leaking release.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton

# Few enough that a leaking binding fails the assertion before None is freed.
CALLS = 150


def counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def test_common_void_qt_calls_leave_none_true_and_false_alone(qtbot):
    label, line, box, button = QLabel(), QLineEdit(), QCheckBox(), QPushButton()
    for widget in (label, line, box, button):
        qtbot.addWidget(widget)
    before = counts()
    for i in range(CALLS):
        label.setText(str(i))
        line.setText("x")
        line.setEnabled(i % 2 == 0)
        box.setChecked(i % 2 == 1)
        button.setVisible(False)
        label.show()
        label.hide()
        button.setToolTip("")
        label.setAccessibleName("a")
        line.setFocus()
        label.update()
        line.clear()
    after = counts()
    deltas = {name: a - b for name, a, b in zip(("None", "True", "False"), after, before,
                                                  strict=True)}
    # Each loop makes 12 void calls, so a leak of one reference per call loses 1,800.
    # A few references may move for other reasons (caches): never more than a handful.
    assert all(abs(d) < 50 for d in deltas.values()), deltas
