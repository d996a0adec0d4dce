"""The unit of work every change to the store runs in.

It carries what each repository needs and nothing more: the open file (its
connection and transaction), the signed-in account and its signing key, the
clock, and the audit writer. Each repository (accounts, cases, assessments,
review) is given one explicitly; a use case is one ``with unit.transaction():``
(nested calls become savepoints of the same transaction).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cstr_desktop.errors import NotAllowed
from cstr_desktop.store.database import StoreFile, newest_entry_time
from cstr_desktop.trust.audit_chain import GENESIS, entry_hash
from cstr_desktop.trust.key_file import AuditMark
from cstr_desktop.trust.key_slots import KeySlots
from cstr_desktop.trust.signatures import CertificateBook, audit_payload, b64, canonical


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    role: str
    # The profile printed where this person signs a report.
    full_name: str | None = None
    profession: str | None = None
    registration: str | None = None
    supervisor: str | None = None

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


def wall_clock() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def dump(value: Any) -> str | None:
    """A value as the store keeps it (JSON, keys sorted; None stays NULL)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class UnitOfWork:
    """The connection, the signed-in account, the clock and the audit writer."""

    def __init__(self, file: StoreFile, user: Account, signing_key: Ed25519PrivateKey,
                 store_id: str, slots: KeySlots, book: CertificateBook,
                 clock: Callable[[], str] = wall_clock):
        self.file = file
        self.user = user
        self.signing_key = signing_key
        self.store_id = store_id
        self.slots = slots
        self.book = book
        self._wall_clock = clock
        # Never earlier than the newest entry or certificate: a clock set back (say, by
        # the network's time) must not make a signature seem older than its certificate.
        self._latest = max([c.issued_at for certs in book.valid.values() for c in certs]
                           + [newest_entry_time(file.db)], default="")
        self.rollback_seen = None

    @property
    def db(self):
        return self.file.db

    @property
    def folder(self):
        return self.file.folder

    def now(self) -> str:
        """The time for a record: the wall clock, never going back."""
        now = self._wall_clock()
        if now < self._latest:
            return self._latest
        self._latest = now
        return now

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.file.transaction():
            yield

    def require(self, *roles: str) -> None:
        if self.user.role not in roles:
            raise NotAllowed(f"the {self.user.role} role cannot do this (needs "
                             f"{' or '.join(roles)})")

    # -- the audit writer ---------------------------------------------------------------

    def head(self) -> tuple[int, str]:
        """How many entries the trail has, and the newest one's hash."""
        head = {r[0]: r[1] for r in self.db.execute(
            "SELECT key, value FROM meta WHERE key IN ('audit_head', 'audit_count')")}
        return int(head.get("audit_count", 0)), head.get("audit_head", GENESIS)

    def audit(self, action: str, entity: str | None, entity_id: str | None,
              field: str | None = None, old: Any = None, new: Any = None,
              reason: str | None = None) -> dict:
        """Write an entry, chained to the one before and signed by the signed-in account
        (inside the caller's transaction)."""
        count, head = self.head()
        entry = {"seq": count + 1, "id": str(uuid.uuid4()), "at": self.now(),
                 "actor": self.user.id, "action": action, "entity": entity,
                 "entity_id": entity_id, "field": field, "old": dump(old), "new": dump(new),
                 "reason": reason, "prev_hash": head}
        entry["hash"] = entry_hash(entry)
        entry["signer"] = self.user.id
        entry["signature"] = b64(self.signing_key.sign(canonical(audit_payload(entry["hash"]))))
        self.db["audit"].insert(entry)
        self.db["meta"].upsert_all([{"key": "audit_head", "value": entry["hash"]},
                                    {"key": "audit_count", "value": str(entry["seq"])}],
                                   pk="key")
        return entry

    def entry_hash_at(self, seq: int) -> str | None:
        row = self.db.execute("SELECT hash FROM audit WHERE seq = ?", [seq]).fetchone()
        return row[0] if row else None

    def checkpoint(self) -> None:
        """Record the newest entry in the key file. If the one recorded there before is
        no longer in the trail, the store was rolled back or cut short: the key file
        keeps that, and the trail gets an entry saying so."""
        count, head = self.head()

        def consistent(mark: AuditMark) -> tuple[bool, str | None]:
            found = self.entry_hash_at(mark.count) if mark.count else None
            return (mark.count == 0 or found == mark.head), found

        seen = self.slots.checkpoint(count, head, consistent)
        if seen is not None:
            self.rollback_seen = seen
            with self.transaction():
                self.audit("rollback_seen", "store", self.store_id,
                           old={"entries": seen.recorded_count, "head": seen.recorded_head},
                           new={"entries": seen.found_count, "head": seen.found_head})
            count, head = self.head()
            self.slots.set_audit_mark(count, head)

    def copy_key_file(self, target) -> None:
        """A copy of the key file beside a backup."""
        self.slots.file.write(self.slots.read(), path=target)


class Repository:
    """One concern of the store, working through the unit of work it is given."""

    def __init__(self, unit: UnitOfWork):
        self.unit = unit
