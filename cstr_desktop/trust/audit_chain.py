"""The audit trail: a hash chain of entries, each signed by whoever made it.

An entry's hash covers every field of the entry and the previous hash, so
altering any entry, removing one, or reordering them breaks the chain at the
first entry affected. Each entry is also signed (Ed25519) by its actor over
``{"type": "cstr-audit/1", "hash": ...}``, so recomputing the chain after an
edit needs the private key of everyone whose entries follow. The newest hash
and the entry count are kept in the store's ``meta`` table and in the key file;
a missing head or count is a failure, and a key file that recorded more (or
other) entries than the trail holds shows a rollback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cstr_desktop.canonical import AUDIT_HASHED_FIELDS, audit_entry_hash
from cstr_desktop.trust.signatures import CertificateBook, audit_payload, canonical, unb64

GENESIS = "0" * 64
HASHED_FIELDS = AUDIT_HASHED_FIELDS
# Actions that may be written with no one signed in. None at present: every entry
# is written by a signed-in session (the first one at ``init`` by the root admin).
UNSIGNED_ACTIONS: frozenset[str] = frozenset()
# Who may be recorded doing what (the certified role of the signer at the time).
ACTION_ROLES = {
    "assessment_created": ("assessor",), "answer_saved": ("assessor",),
    "answer_imported": ("assessor",), "submit": ("assessor",),
    "request_changes": ("reviewer",), "countersign": ("reviewer",),
    "amend": ("assessor", "reviewer"), "reply": ("assessor",),
    "account_added": ("admin",), "account_removed": ("admin",), "password_reset": ("admin",),
    "rekeyed": ("admin",), "store_upgraded": ("admin",),
}
UPGRADE_ACTION = "store_upgraded"


def entry_hash(entry: Mapping[str, Any]) -> str:
    return audit_entry_hash(entry)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""
    problems: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    signed: int = 0
    legacy: int = 0
    found: dict[str, int] = field(default_factory=dict)


@dataclass
class Mark:
    """The newest entry as recorded elsewhere (the key file): count and hash."""

    count: int
    head: str


@dataclass
class _Walk:
    book: CertificateBook | None
    wanted: set[str] = field(default_factory=set)  # hashes to look for (signed steps)
    found: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    signed: int = 0
    legacy: int = 0
    started: bool = False
    # Signatures to check once the walk is done (many at once, on every core).
    pending: list = field(default_factory=list)
    actions: dict[int, str] = field(default_factory=dict)

    def fail(self, seq: int | None, text: str) -> None:
        self.problems.append((seq, text))


def verify(entries: Iterable[Mapping[str, Any]], head_hash: str | None,
           head_count: int | None, book: CertificateBook | None = None,
           mark: Mark | None = None, rollbacks: Iterable[Mapping[str, Any]] = (),
           wanted: Iterable[str] = (), redactable: Iterable[str] = ()) -> ChainReport:
    """Walk the chain in ``seq`` order and report every fault, the first one first.

    ``book`` checks each entry's signature (without it only the chain is checked);
    ``mark`` is the newest entry recorded in the key file, ``rollbacks`` the
    rollbacks it has seen; ``wanted`` are hashes that must be found in the trail
    (the entries each signed step says came before it) and are reported in
    ``found``. ``redactable``: the assessments purged after central's receipt, whose
    entries marked ``redacted`` lost their values and are checked by their signature and
    their place in the chain instead of by recomputing their hash.
    """
    redactable = set(redactable)
    walk = _Walk(book, set(wanted))
    prev = GENESIS
    expected_seq = 1
    count = 0
    mark_hash = None
    for entry in entries:
        count += 1
        seq = entry["seq"]
        if seq != expected_seq:
            walk.fail(expected_seq, f"entry {expected_seq} is missing (the next is {seq})")
            break
        if entry["prev_hash"] != prev:
            walk.fail(seq, f"entry {seq} does not follow entry {seq - 1}: an entry before it "
                           "was altered or removed")
            break
        redacted = entry.get("redacted") and entry.get("entity_id") in redactable
        if not redacted and entry_hash(entry) != entry["hash"]:
            walk.fail(seq, f"entry {seq} was altered")
            break
        if book is not None:
            _check_signature(walk, entry)
        if entry["hash"] in walk.wanted:
            walk.found[entry["hash"]] = seq
        if mark is not None and seq == mark.count:
            mark_hash = entry["hash"]
        prev = entry["hash"]
        expected_seq += 1
    else:
        _check_ends(walk, count, prev, head_hash, head_count, mark, mark_hash)
    if walk.pending:
        from cstr_desktop.trust.signature_pool import failing_in_parallel

        bad = failing_in_parallel(walk.pending)
        for seq in bad:
            walk.fail(seq, f"entry {seq} ({walk.actions[seq]}): its signature does not verify")
        walk.signed -= len(bad)
    if book is not None and count and not walk.started:
        walk.fail(1, "entry 1 is not signed")
    for rb in rollbacks:
        if rb["found_count"] >= rb["recorded_count"]:
            walk.fail(None, f"on {rb['seen_at']} the trail was found rewritten: entry "
                            f"{rb['recorded_count']} was not the one the key file recorded")
        else:
            walk.fail(None, f"a rollback was seen on {rb['seen_at']}: the key file had "
                            f"recorded {rb['recorded_count']} entries, the trail then had "
                            f"{rb['found_count']}")
    problems = sorted(walk.problems, key=lambda p: (p[0] is None, p[0] or 0))
    first = problems[0] if problems else (None, "")
    return ChainReport(not problems, count, first[0], first[1],
                       tuple(p[1] for p in problems), tuple(walk.notices), walk.signed,
                       walk.legacy, walk.found)


def _check_signature(walk: _Walk, entry: Mapping[str, Any]) -> None:
    seq = entry["seq"]
    if not entry.get("signature"):
        if walk.started and entry["action"] not in UNSIGNED_ACTIONS:
            walk.fail(seq, f"entry {seq} ({entry['action']}) is not signed")
        elif not walk.started:
            walk.legacy += 1
        return
    if not walk.started:
        walk.started = True
        if seq > 1:
            try:
                legacy = json.loads(entry.get("new") or "{}").get("legacy_entries")
            except (ValueError, AttributeError):
                legacy = None
            if entry["action"] != UPGRADE_ACTION or legacy != seq - 1:
                walk.fail(1, "entry 1 is not signed")
            else:
                walk.notices.append(f"entries 1 to {seq - 1} were written before signatures "
                                    "(an earlier version) and are checked by their hashes")
    if entry.get("signer") != entry.get("actor"):
        walk.fail(seq, f"entry {seq} is signed by someone other than who it says acted")
        return
    problem = walk.book.signer_ok(entry["signer"], entry["at"], None, None,
                                  ACTION_ROLES.get(entry["action"], ("assessor", "reviewer",
                                                                     "admin")),
                                  check_signature=False)
    if problem:
        walk.fail(seq, f"entry {seq} ({entry['action']}): {problem}")
        return
    try:
        signature = unb64(entry["signature"], 64)
    except ValueError:
        walk.fail(seq, f"entry {seq} ({entry['action']}): its signature does not verify")
        return
    cert = walk.book.at(entry["signer"], entry["at"])
    walk.pending.append((seq, walk.book.raw_key(cert), signature,
                         canonical(audit_payload(entry["hash"]))))
    walk.actions[seq] = entry["action"]
    walk.signed += 1


def _check_ends(walk: _Walk, count: int, prev: str, head_hash: str | None,
                head_count: int | None, mark: Mark | None, mark_hash: str | None) -> None:
    if head_hash is None or head_count is None:
        walk.fail(count + 1, "the trail's newest entry and count are not recorded in the "
                             "store: they were removed")
    elif count != head_count:
        walk.fail(count + 1, f"the trail should have {head_count} entries but has {count}: "
                             f"entries from {count + 1} on were removed")
    elif prev != head_hash:
        walk.fail(count, f"entry {count} is not the last one recorded")
    if mark is not None:
        if mark.count > count:
            walk.fail(count + 1, f"rolled back: the key file recorded {mark.count} entries but "
                                 f"the trail has {count}")
        elif mark.count and mark_hash != mark.head:
            walk.fail(mark.count, f"the trail was rewritten: entry {mark.count} is not the one "
                                  "recorded in the key file")
