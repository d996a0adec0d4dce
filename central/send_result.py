"""What central answers for one item a laptop sent (a record version or an outcome
addendum): the HTTP status, the state, the receipt or the reason, as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class SendResult:
    http_status: int
    status: str  # accepted, duplicate, conflict, quarantined, rejected, invalid, unknown
    content_hash: Any = None
    receipt: dict | None = None
    reason: str | None = None
    conflict: bool = False
    held_content_hash: str | None = None

    def identity(self) -> dict:
        """The item's own ids, first in the JSON answer."""
        return {}

    def as_json(self) -> dict:
        out = {**self.identity(), "content_hash": self.content_hash, "status": self.status,
               "http_status": self.http_status, "receipt": self.receipt,
               "reason": self.reason, "conflict": self.conflict}
        if self.held_content_hash:
            out["held_content_hash"] = self.held_content_hash
        return out
