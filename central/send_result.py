"""What central answers for one item a laptop sent (a record version or an outcome
addendum): the HTTP status, the state, the receipt or the reason, as JSON."""

from __future__ import annotations

import json
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


def answer_for(result_type: type[SendResult], row: Any, fresh: bool = False,
               **ids: Any) -> SendResult:
    """What to answer about a held row (a record version or an outcome addendum);
    ``fresh``: this request inserted it. ``ids`` are the item's own ids."""
    base = {**ids, "content_hash": row.content_hash, "conflict": row.conflict}
    if row.receipt:
        return result_type(201 if fresh else 200, "accepted" if fresh else "duplicate",
                           receipt=json.loads(row.receipt), reason=row.reason, **base)
    if row.resolution == "rejected":
        return result_type(422, "rejected", reason=row.resolution_reason, **base)
    if row.conflict and row.copy_no > 0:
        return result_type(409, "conflict", reason=row.reason, **base)
    return result_type(422, "quarantined", reason=row.reason, **base)


def quarantine_copies(row: Any, copies: list, held: str, item: str, hash_: str,
                      failure: str | None) -> None:
    """A different content for an item central already holds: the new copy and every
    copy held are quarantined until the office resolves it (a rejected copy stays so).
    ``held`` names what is held ("version 2 of this assessment"), ``item`` the kind
    ("version", "outcome")."""
    row.status, row.conflict = "quarantined", True
    row.reason = (f"conflict: central already holds {held} with content hash "
                  f"{copies[0].content_hash[:16]}…")
    if failure:
        row.reason += f"; and {failure}"
    for copy in copies:
        if not copy.conflict:
            copy.conflict = True
            copy.reason = (f"conflict: a different content (hash {hash_[:16]}…) was "
                           f"received for this {item} at {row.received_at}")
        if copy.resolution != "rejected":
            copy.status, copy.resolution = "quarantined", None
