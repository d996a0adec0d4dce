"""The idle lock: the window locks after some minutes with no key pressed and no mouse used.

The minutes come from the settings (1 to 60), or are given when the window is made; a
setting out of range is refused with a warning in the status bar, and the default used.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QMainWindow

from .settings import AppSettings
from .text import t


class ActivityWatcher(QObject):
    """Restarts the idle timer on every key press or mouse use.

    It watches the window's native window, where the keyboard and mouse arrive
    before Qt hands them to a widget: a few events a second, rather than the
    thousands of paint and layout events an application-wide filter would see.
    """

    ACTIVITY = frozenset((QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                          QEvent.Type.MouseMove, QEvent.Type.Wheel))

    def __init__(self, timer: QTimer):
        super().__init__()
        self.timer = timer

    def watch(self, window: QWindow | None) -> None:
        """Watch another window too, e.g. a file dialog (installing twice is harmless)."""
        if window is not None:
            window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self.ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


def minutes_before_lock(prefs: AppSettings, given: float | None,
                        lang: str) -> tuple[float, str | None]:
    """The minutes before the lock, and the warning to show about a refused setting."""
    if given is not None:
        from .session import checked_idle_minutes

        minutes, refused = checked_idle_minutes(given)
    else:
        minutes = prefs.idle_minutes
        refused = dict(prefs.refused).get("idle_minutes")
    return minutes, None if refused is None else t("idle_setting", lang, value=refused)


class IdleLock:
    """The timer (``timer``: started at sign-in, ``lock`` called when it runs out) and
    what restarts it: the window's keyboard and mouse, and each dialog's."""

    def __init__(self, window: QMainWindow, minutes: float, lock: Callable[[], None]):
        self.timer = QTimer(window, singleShot=True)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(lock)
        self.watcher = ActivityWatcher(self.timer)
        window.winId()  # the native window exists from now on, so it can be watched
        self.window = window
        window.windowHandle().installEventFilter(self.watcher)
        # A file or print dialog is a window of its own: watch each one that takes focus.
        QGuiApplication.instance().focusWindowChanged.connect(self.watcher.watch)

    def stop_watching(self) -> None:
        """At closing: the window's events and the dialogs' are no longer watched."""
        self.window.windowHandle().removeEventFilter(self.watcher)
        QGuiApplication.instance().focusWindowChanged.disconnect(self.watcher.watch)
