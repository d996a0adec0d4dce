"""The store's audit trail: signed entries, the newest one kept in the key file too,
and the full check (``audit-verify``).

The writer of the entries is the unit of work (:mod:`cstr_desktop.store.unit`).
"""

from __future__ import annotations

from cstr_desktop.outcomes.store_outcomes import Outcomes
from cstr_desktop.store.unit import Repository, UnitOfWork
from cstr_desktop.store.verification import Verification
from cstr_desktop.trust.audit_chain import ChainReport, Mark, verify


class AuditTrail(Repository):
    """Reading and checking the trail (the unit of work writes its entries)."""

    def __init__(self, unit: UnitOfWork, verification: Verification, outcomes: Outcomes):
        super().__init__(unit)
        self.verification = verification
        self.outcomes = outcomes

    def log(self, action: str, entity: str | None = None, entity_id: str | None = None,
            reason: str | None = None) -> None:
        """Record a view, print, export or sign-in in the audit trail."""
        with self.unit.transaction():
            self.unit.audit(action, entity, entity_id, reason=reason)

    def audit_entries(self, action: str | None = None) -> list[dict]:
        """The trail's entries in order (those of one ``action`` only, when given)."""
        where, params = ("action = ?", [action]) if action else (None, [])
        return list(self.unit.db["audit"].rows_where(where, params, order_by="seq"))

    def verify_audit(self) -> ChainReport:
        """Check every entry's hash and signature, the head and count in the store and
        in the key file, the certificates and every signed lifecycle step."""
        meta = {r[0]: r[1] for r in self.unit.db.execute(
            "SELECT key, value FROM meta WHERE key IN ('audit_head', 'audit_count')")}
        count = meta.get("audit_count")
        data = self.unit.slots.read()
        mark = Mark(data.audit.count, data.audit.head) if data.audit else None
        steps = self.verification.signed_steps()
        report = verify(self.unit.db["audit"].rows_where(order_by="seq"), meta.get("audit_head"),
                        int(count) if count is not None and count.isdigit() else None,
                        self.unit.book, mark, [r.model_dump() for r in data.rollbacks],
                        {s["payload"].get("audit_head") for s in steps if isinstance(
                            s.get("payload"), dict)},
                        # Assessments purged after central's receipt (cstr_desktop/sync).
                        {r[0] for r in self.unit.db.execute(
                            "SELECT entity_id FROM audit WHERE action = 'sync_purged' AND "
                            "json_extract(new, '$.whole_assessment') = 1")})
        extra = [f"certificate problem: {p}" for p in self.unit.book.problems]
        extra += self.verification.step_problems(steps, report.found)
        extra += self.outcomes.outcome_problems()
        if not extra:
            return report
        problems = (*report.problems, *extra)
        return ChainReport(False, report.entries, report.first_bad_seq if not report.ok
                           else None, problems[0], problems, report.notices, report.signed,
                           report.legacy, report.found)
