"""Work off the window's thread, with one way back (like Anki's QueryOp).

``BackgroundJob(parent, work, on_success, on_failure).start()`` runs ``work()`` on a
thread of the pool; when it returns, ``on_success(result)`` runs on the window's thread;
if it raises, ``on_failure(exception)`` does (the one error path). The window never
waits for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Lives on the window's thread: its signals bring the result back there."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # noqa: BLE001 - handed to on_failure, never lost
            self._emit(self.relay.failed, exc)
            return
        self._emit(self.relay.succeeded, result)

    @staticmethod
    def _emit(signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the window that asked has gone (closed mid-run): no one to tell


class BackgroundJob:
    """One piece of work off the window's thread, its callbacks back on it."""

    _running: set[BackgroundJob] = set()  # kept alive until their callback has run

    def __init__(self, parent: QObject, work: Callable[[], Any],
                 on_success: Callable[[Any], None],
                 on_failure: Callable[[Exception], None],
                 pool: QThreadPool | None = None) -> None:
        self.work = work
        self.on_success = on_success
        self.on_failure = on_failure
        self.pool = pool or QThreadPool.globalInstance()
        self.relay = _Relay(parent)
        self.relay.succeeded.connect(self._succeeded)
        self.relay.failed.connect(self._failed)
        self.running = False

    def start(self) -> BackgroundJob:
        self.running = True
        BackgroundJob._running.add(self)
        self.pool.start(_Runnable(self.work, self.relay))
        return self

    def _finish(self) -> None:
        self.running = False
        BackgroundJob._running.discard(self)
        self.relay.deleteLater()

    def _succeeded(self, result: Any) -> None:
        self._finish()
        self.on_success(result)

    def _failed(self, exc: Exception) -> None:
        self._finish()
        self.on_failure(exc)
