"""The one background-job helper: work off the UI thread, results on it, one error path."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool

from ui.background_job import BackgroundJob


def test_work_runs_off_the_ui_thread_and_success_is_called_on_it(qtbot):
    ui_thread = threading.get_ident()
    seen: dict = {}

    def work():
        seen["work"] = threading.get_ident()
        return 42

    def success(result):
        seen["success"] = (threading.get_ident(), result)

    BackgroundJob(work, success, lambda exc: seen.setdefault("failure", exc)).start()
    qtbot.waitUntil(lambda: "success" in seen, timeout=5000)
    assert seen["work"] != ui_thread
    assert seen["success"] == (ui_thread, 42)
    assert "failure" not in seen
    assert not BackgroundJob._running  # nothing kept once delivered


def test_any_exception_goes_to_failure_on_the_ui_thread(qtbot):
    ui_thread = threading.get_ident()
    seen: dict = {}

    def work():
        raise KeyError("no such copy")

    def failure(exc):
        seen["failure"] = (threading.get_ident(), exc)

    pool = QThreadPool()
    BackgroundJob(work, lambda r: seen.setdefault("success", r), failure).start(pool)
    qtbot.waitUntil(lambda: "failure" in seen, timeout=5000)
    thread, exc = seen["failure"]
    assert thread == ui_thread and isinstance(exc, KeyError) and "no such copy" in str(exc)
    assert "success" not in seen
    pool.waitForDone()
