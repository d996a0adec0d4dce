"""Digits typed on a list of options, owned by the list's widget (composition, no mixin).

One digit picks at once when no longer number could follow; with ten options or more,
"1" waits briefly for a "0" or "1" (and shows the option it would pick meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

# How long a first digit waits for a second one, when a list has ten options or more.
DIGIT_PAUSE_MS = 800


class DigitKeys:
    """The digits typed so far on one list: ``picked(number)`` when a number is chosen,
    ``pending(number)`` while a first digit waits for a second."""

    def __init__(self, owner: QObject, numbers: Iterable[int], picked: Callable[[int], None],
                 pending: Callable[[int], None] | None = None):
        self._numbers = {str(n) for n in numbers}  # the keys that pick an option
        self._typed = ""
        self._picked = picked
        self._pending = pending
        self._pause = QTimer(owner, singleShot=True, interval=DIGIT_PAUSE_MS)
        self._pause.timeout.connect(self.flush)

    def _valid(self, text: str) -> bool:
        return text in self._numbers

    def _longer_possible(self, text: str) -> bool:
        return any(self._valid(text + d) for d in "0123456789")

    def digit(self, digit: str) -> bool:
        """Take one digit; True if it was used."""
        typed = self._typed + digit
        if not self._valid(typed):
            if not self._typed:
                return False
            self.flush()
            return self.digit(digit)
        if self._longer_possible(typed):
            self._typed = typed
            self._pause.start()
            if self._pending is not None:
                self._pending(int(typed))
            return True
        self._typed = ""
        self._pause.stop()
        self._picked(int(typed))
        return True

    def flush(self) -> bool:
        """Pick what was typed so far (at the pause, or on Enter); True if anything."""
        self._pause.stop()
        typed, self._typed = self._typed, ""
        if typed:
            self._picked(int(typed))
            return True
        return False
