"""Sync settings and their defaults."""

from __future__ import annotations

# Days after central's receipt before a version's identifiable data is cleared; the store
# keeps its own value in ``meta`` under GRACE_SETTING.
DEFAULT_GRACE_DAYS = 7
GRACE_SETTING = "sync_grace_days"
