"""The audit trail's hash chain: each entry carries the hash of the one before.

An entry's hash covers every field of the entry and the previous hash, so
altering any entry, removing one, or reordering them breaks the chain at the
first entry affected. The newest hash and the entry count are also kept in the
store's ``meta`` table, so removing the newest entries is found too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = ("seq", "id", "at", "actor", "action", "entity", "entity_id", "field", "old",
                 "new", "reason", "prev_hash")


def entry_hash(entry: Mapping[str, Any]) -> str:
    canonical = json.dumps({k: entry.get(k) for k in HASHED_FIELDS}, sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify(entries: Iterable[Mapping[str, Any]], head_hash: str | None,
           head_count: int | None) -> ChainReport:
    """Walk the chain in ``seq`` order; report the first entry that does not fit."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    for entry in entries:
        count += 1
        seq = entry["seq"]
        if seq != expected_seq:
            return ChainReport(False, count, expected_seq,
                               f"entry {expected_seq} is missing (the next is {seq})")
        if entry["prev_hash"] != prev:
            return ChainReport(False, count, seq,
                               f"entry {seq} does not follow entry {seq - 1}: "
                               "an entry before it was altered or removed")
        if entry_hash(entry) != entry["hash"]:
            return ChainReport(False, count, seq, f"entry {seq} was altered")
        prev = entry["hash"]
        expected_seq += 1
    if head_count is not None and count != head_count:
        return ChainReport(False, count, count + 1,
                           f"the trail should have {head_count} entries but has {count}: "
                           f"entries from {count + 1} on were removed")
    if head_hash is not None and prev != head_hash:
        return ChainReport(False, count, count, f"entry {count} is not the last one recorded")
    return ChainReport(True, count)
