"""One way to run work off the UI thread (like Anki's ``QueryOp``).

``BackgroundJob(work, success, failure).start(pool)`` runs ``work()`` on a worker
thread of a ``QThreadPool``; then, on the UI thread, ``success(result)`` is called
with what it returned, or ``failure(exc)`` with the exception it raised (any
exception: there is one error path, never a traceback on a console and a window
left waiting). ``work`` must not touch widgets; the callbacks may.

A job is kept alive until its result has been delivered, so a caller need not
hold it. Preview (the report rendered to PDF), print and sync use it. Given a
``parent`` (the window that asked), a result that arrives after that window has
closed is dropped quietly; ``running`` says whether the job is still under way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Delivery(QObject):
    """Lives on the UI thread (made there): a signal emitted on the worker thread reaches
    its slots queued, on the UI thread, because they are this object's own."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: BackgroundJob, success: Callable[[Any], None],
                 failure: Callable[[BaseException], None], parent: QObject | None = None):
        super().__init__(parent)
        self.job, self.success, self.failure = job, success, failure
        self.succeeded.connect(self._on_success)
        self.failed.connect(self._on_failure)

    @Slot(object)
    def _on_success(self, result: Any) -> None:
        self.job.running = False
        BackgroundJob._running.discard(self.job)
        self.success(result)

    @Slot(object)
    def _on_failure(self, exc: BaseException) -> None:
        self.job.running = False
        BackgroundJob._running.discard(self.job)
        self.failure(exc)


class BackgroundJob(QRunnable):
    """``work`` off the UI thread; ``success(result)`` or ``failure(exc)`` on it."""

    _running: set[BackgroundJob] = set()  # alive until their result is delivered

    def __init__(self, work: Callable[[], Any], success: Callable[[Any], None],
                 failure: Callable[[BaseException], None], parent: QObject | None = None):
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.running = False
        self.delivery = _Delivery(self, success, failure, parent)  # on the UI thread

    def start(self, pool: QThreadPool | None = None) -> BackgroundJob:
        """Queue the job on ``pool`` (default: the application's global pool)."""
        self.running = True
        BackgroundJob._running.add(self)
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def run(self) -> None:  # on the worker thread
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001 - every failure goes to ``failure``
            self._deliver(self.delivery.failed, exc)
            return
        self._deliver(self.delivery.succeeded, result)

    def _deliver(self, signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the parent window has closed, and the delivery with it
            self.running = False
            BackgroundJob._running.discard(self)
