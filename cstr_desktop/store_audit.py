"""The store's audit trail: signed entries, the newest one kept in the key file too,
and the full check (``audit-verify``).

Part of the :class:`cstr_desktop.store.Store` facade (a mixin).
"""

from __future__ import annotations

import uuid
from typing import Any

from .audit_chain import GENESIS, ChainReport, Mark, entry_hash, verify
from .key_file import AuditMark
from .store_assessments import dump
from .trust import audit_payload, b64, canonical


class AuditMixin:
    def log(self, action: str, entity: str | None = None, entity_id: str | None = None,
            reason: str | None = None) -> None:
        """Record a view, print, export or sign-in in the audit trail."""
        with self._transaction():
            self._audit(action, entity, entity_id, reason=reason)

    def _head(self) -> tuple[int, str]:
        head = {r[0]: r[1] for r in self.db.execute(
            "SELECT key, value FROM meta WHERE key IN ('audit_head', 'audit_count')")}
        return int(head.get("audit_count", 0)), head.get("audit_head", GENESIS)

    def _audit(self, action: str, entity: str | None, entity_id: str | None,
               field: str | None = None, old: Any = None, new: Any = None,
               reason: str | None = None) -> dict:
        count, head = self._head()
        entry = {"seq": count + 1, "id": str(uuid.uuid4()), "at": self._clock(),
                 "actor": self.user.id, "action": action, "entity": entity,
                 "entity_id": entity_id, "field": field, "old": dump(old), "new": dump(new),
                 "reason": reason, "prev_hash": head}
        entry["hash"] = entry_hash(entry)
        entry["signer"] = self.user.id
        entry["signature"] = b64(self._signing_key.sign(canonical(audit_payload(entry["hash"]))))
        self.db["audit"].insert(entry)
        self.db["meta"].upsert_all([{"key": "audit_head", "value": entry["hash"]},
                                    {"key": "audit_count", "value": str(entry["seq"])}],
                                   pk="key")
        return entry

    def audit_entries(self) -> list[dict]:
        return list(self.db["audit"].rows_where(order_by="seq"))

    def _entry_hash_at(self, seq: int) -> str | None:
        row = self.db.execute("SELECT hash FROM audit WHERE seq = ?", [seq]).fetchone()
        return row[0] if row else None

    def checkpoint(self) -> None:
        """Record the newest entry in the key file. If the one recorded there before is
        no longer in the trail, the store was rolled back or cut short: the key file
        keeps that, and the trail gets an entry saying so."""
        count, head = self._head()

        def consistent(mark: AuditMark) -> tuple[bool, str | None]:
            found = self._entry_hash_at(mark.count) if mark.count else None
            return (mark.count == 0 or found == mark.head), found

        seen = self.slots.checkpoint(count, head, consistent)
        if seen is not None:
            self.rollback_seen = seen
            with self._transaction():
                self._audit("rollback_seen", "store", self.store_id,
                            old={"entries": seen.recorded_count, "head": seen.recorded_head},
                            new={"entries": seen.found_count, "head": seen.found_head})
            count, head = self._head()
            self.slots.set_audit_mark(count, head)

    def verify_audit(self) -> ChainReport:
        """Check every entry's hash and signature, the head and count in the store and
        in the key file, the certificates and every signed lifecycle step."""
        meta = {r[0]: r[1] for r in self.db.execute(
            "SELECT key, value FROM meta WHERE key IN ('audit_head', 'audit_count')")}
        count = meta.get("audit_count")
        data = self.slots.read()
        mark = Mark(data.audit.count, data.audit.head) if data.audit else None
        steps = self.signed_steps()
        report = verify(self.db["audit"].rows_where(order_by="seq"), meta.get("audit_head"),
                        int(count) if count is not None and count.isdigit() else None,
                        self.book, mark, [r.model_dump() for r in data.rollbacks],
                        {s["payload"].get("audit_head") for s in steps if isinstance(
                            s.get("payload"), dict)},
                        # Assessments purged after central's receipt (cstr_desktop/sync).
                        {r[0] for r in self.db.execute(
                            "SELECT entity_id FROM audit WHERE action = 'sync_purged' AND "
                            "json_extract(new, '$.whole_assessment') = 1")})
        extra = [f"certificate problem: {p}" for p in self.book.problems]
        extra += self.step_problems(steps, report.found)
        extra += self.outcome_problems()
        if not extra:
            return report
        problems = (*report.problems, *extra)
        return ChainReport(False, report.entries, report.first_bad_seq if not report.ok
                           else None, problems[0], problems, report.notices, report.signed,
                           report.legacy, report.found)
