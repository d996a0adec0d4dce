"""``ui.actions``, imported on first use: the sign-in window opens before the store, the
forms and the report renderer are loaded."""

from __future__ import annotations

from typing import Any


class _Actions:
    def __getattr__(self, name: str) -> Any:
        from . import actions as module

        return getattr(module, name)


actions = _Actions()
