"""Checking what was signed: each lifecycle step under its actor's certificate, a
version's countersignature (by a certified reviewer who neither wrote, submitted nor
edited it, over the answers kept), the attestation of a store upgraded from before
signatures, and a printed report's verification code against the report kept when it
was countersigned (docs/trust-model.md, Signed steps and Verification code).

A repository of the store (:class:`cstr_desktop.store.session.Store` puts it together).
"""

from __future__ import annotations

import json

from cstr_desktop.errors import StoreError
from cstr_desktop.store.accounts import Accounts
from cstr_desktop.store.assessments import Assessments
from cstr_desktop.store.unit import Repository, UnitOfWork
from cstr_desktop.trust.signatures import (
    LIFECYCLE_TYPE,
    audit_payload,
    content_hash,
    normal_code,
    signature_ok,
    snapshot_hash,
    verification_code,
)

# Entries that change a version's content: a reviewer who made one may not countersign it.
EDITS = ("assessment_created", "answer_saved", "answer_imported", "amend")
MAX_COMMENT = 4000



class Verification(Repository):
    """Signed steps and their checks, countersignatures, kept reports and their codes."""

    def __init__(self, unit: UnitOfWork, assessments: Assessments, accounts: Accounts):
        super().__init__(unit)
        self.assessments = assessments
        self.accounts = accounts

    def edited_by(self, assessment_id: str, version: int, account_id: str) -> bool:
        """Whether ``account_id`` changed this version's content (or opened it by amending)."""
        start = self.unit.db.execute(
            "SELECT max(audit_seq) FROM steps WHERE assessment_id = ? AND version = ? "
            "AND action = 'amend'", [assessment_id, version]).fetchone()[0] or 0
        marks = ",".join("?" * len(EDITS))
        return self.unit.db.execute(
            f"SELECT 1 FROM audit WHERE entity_id = ? AND actor = ? AND seq >= ? "
            f"AND action IN ({marks}) LIMIT 1",
            [assessment_id, account_id, start, *EDITS]).fetchone() is not None


    # -- checking signed steps ------------------------------------------------------------

    def step(self, assessment_id: str, version: int, action: str) -> dict | None:
        row = next(self.unit.db["steps"].rows_where(
            "assessment_id = ? AND version = ? AND action = ?", [assessment_id, version, action],
            order_by="seq DESC", limit=1), None)
        if row is not None:
            try:
                row["payload"] = json.loads(row["payload"])
            except ValueError:
                row["payload"] = None
        return row

    def signed_steps(self, assessment_id: str | None = None) -> list[dict]:
        """The signed lifecycle steps (of one assessment, or all), in order, as signed
        objects with their place in the trail."""
        where, params = ("assessment_id = ?", [assessment_id]) if assessment_id else (None, [])
        out = []
        for r in self.unit.db["steps"].rows_where(where, params, order_by="seq"):
            try:
                payload = json.loads(r["payload"])
            except ValueError:
                payload = None
            out.append({"payload": payload, "signer": r["signer"], "signature": r["signature"],
                        "seq": r["seq"], "audit_seq": r["audit_seq"],
                        "assessment_id": r["assessment_id"], "version": r["version"],
                        "action": r["action"]})
        return out

    def step_problems(self, steps: list[dict], found: dict[str, int]) -> list[str]:
        """What is wrong with signed steps: each must verify under its actor's certificate
        in a role allowed to take it, and name the trail entry before its own."""
        from cstr_desktop.trust.audit_chain import ACTION_ROLES

        problems = []
        for s in steps:
            p = s["payload"]
            where = f"step {s['seq']} ({s['action']} of {s['assessment_id']} v{s['version']})"
            if not isinstance(p, dict) or p.get("type") != LIFECYCLE_TYPE or \
                    p.get("store_id") != self.unit.store_id or p.get("action") != s["action"] or \
                    p.get("assessment_id") != s["assessment_id"] or \
                    p.get("version") != s["version"] or p.get("actor") != s["signer"]:
                problems.append(f"{where}: its record does not match what was signed")
                continue
            problem = self.unit.book.signer_ok(s["signer"], p["at"], s["signature"], p,
                                          ACTION_ROLES.get(s["action"], ("assessor", "reviewer")))
            if problem:
                problems.append(f"{where}: {problem}")
            elif found.get(p["audit_head"]) != (s["audit_seq"] or 0) - 1 and not (
                    s["audit_seq"] == 1 and p["audit_head"] == "0" * 64):
                problems.append(f"{where}: the audit entry it follows is not in its place")
        return problems

    def _legacy(self) -> dict:
        """What the root administrator attested when the store was upgraded from the version
        before signatures: the versions then countersigned (with the hash of their answers)
        and the codes of the reports then kept."""
        cached = getattr(self, "_legacy_cache", None)
        if cached is not None:
            return cached
        from cstr_desktop.trust.audit_chain import UPGRADE_ACTION, entry_hash

        found: dict = {"versions": {}, "codes": set()}
        row = next(self.unit.db["audit"].rows_where("action = ?", [UPGRADE_ACTION],
                                               order_by="seq", limit=1), None)
        if row is not None and entry_hash(row) == row["hash"] and \
                row["signer"] == row["actor"] and self.unit.book.signer_ok(
                    row["signer"], row["at"], row["signature"], audit_payload(row["hash"]),
                    ("admin",)) is None:
            new = json.loads(row["new"] or "{}")
            found["versions"] = {(a, v): h for a, v, h in new.get("legacy_countersigned", [])}
            found["codes"] = set(new.get("legacy_codes", []))
        self._legacy_cache = found
        return found

    def _legacy_version(self, assessment_id: str, version: int) -> dict | None:
        """The kept version, if it was countersigned before signatures and attested."""
        attested = self._legacy()["versions"].get((assessment_id, version))
        if attested is None:
            return None
        return next(self.unit.db["assessment_versions"].rows_where(
            "assessment_id = ? AND version = ?", [assessment_id, version]), None)

    def countersignature_problem(self, assessment_id: str, version: int) -> str | None:
        """None if the version's countersignature verifies under a properly certified
        reviewer who neither wrote nor edited it; otherwise what is wrong, in words.

        A version countersigned before signatures existed counts when the upgrade's
        attestation names it and its answers are still the ones attested."""
        step = self.step(assessment_id, version, "countersign")
        if step is None:
            kept = self._legacy_version(assessment_id, version)
            if kept is None:
                return "there is no signed countersignature"
            attested = self._legacy()["versions"][(assessment_id, version)]
            if content_hash(json.loads(kept["answers"])) != attested:
                return "the answers are not the ones countersigned"
            return None
        p = step["payload"]
        if not isinstance(p, dict) or p.get("type") != LIFECYCLE_TYPE or \
                p.get("store_id") != self.unit.store_id or p.get("assessment_id") != assessment_id \
                or p.get("version") != version or p.get("action") != "countersign" or \
                p.get("actor") != step["signer"]:
            return "the countersignature's record does not match what was signed"
        problem = self.unit.book.signer_ok(step["signer"], p["at"], step["signature"], p,
                                      ("reviewer",))
        if problem:
            return f"the countersignature: {problem}"
        kept = next(self.unit.db["assessment_versions"].rows_where(
            "assessment_id = ? AND version = ?", [assessment_id, version]), None)
        if kept is None or content_hash(json.loads(kept["answers"])) != p["content_hash"]:
            return "the answers are not the ones countersigned"
        creator = self.unit.db.execute(
            "SELECT actor, hash, signature FROM audit WHERE entity_id = ? "
            "AND action = 'assessment_created' ORDER BY seq LIMIT 1", [assessment_id]).fetchone()
        if creator is None or creator[0] == step["signer"] or not self._entry_signed(creator):
            return "the reviewer wrote this assessment, or its record of who wrote it was altered"
        if any(s["payload"] and s["payload"].get("actor") == step["signer"]
               for s in self.signed_steps(assessment_id)
               if s["version"] == version and s["action"] == "submit"):
            return "the reviewer submitted this version"
        if self.edited_by(assessment_id, version, step["signer"]):
            return "the reviewer edited this version"
        seq = step["audit_seq"]
        before = self.unit.entry_hash_at((seq or 0) - 1) if seq else None
        if step["audit_seq"] and (before or "0" * 64) != p["audit_head"]:
            return "the countersignature's place in the audit trail was changed"
        return None

    def _entry_signed(self, entry: tuple[str, str, str]) -> bool:
        actor, entry_hash, signature = entry
        cert = self.unit.book.current(actor)
        return cert is not None and signature_ok(self.unit.book.key(cert), signature,
                                                 audit_payload(entry_hash))

    def countersignature(self, assessment_id: str, version: int) -> dict | None:
        """The signed countersign step of a version, and where the trail stood then."""
        step = self.step(assessment_id, version, "countersign")
        if step is None:
            kept = self._legacy_version(assessment_id, version)
            return None if kept is None else {
                "signature": None, "signer": kept["countersigned_by"],
                "payload": {"at": kept["countersigned_at"]}, "audit_entries": None,
                "audit_head": None, "legacy": True}
        if not isinstance(step["payload"], dict):
            return None
        return {"signature": step["signature"], "signer": step["signer"],
                "payload": step["payload"], "audit_entries": (step["audit_seq"] or 1) - 1,
                "audit_head": step["payload"].get("audit_head")}

    # -- the approved report, frozen ---------------------------------------------

    def frozen_report(self, assessment_id: str, version: int, lang: str,
                      reader: str = "court") -> dict | None:
        """The kept snapshot of an approved version's copy for ``reader`` in ``lang``, if
        there is one (``reader`` "all": the one report of a form without readers)."""
        row = next(self.unit.db["frozen_reports"].rows_where(
            "assessment_id = ? AND version = ? AND lang = ? AND reader = ?",
            [assessment_id, version, lang, reader]), None)
        return json.loads(row["snapshot"]) if row else None

    def freeze_report(self, assessment_id: str, version: int, lang: str, snapshot: dict,
                      verification: str, reader: str = "court") -> dict:
        """Keep an approved version's copy for a reader; the first one kept stays for good.

        Its code is recorded in a signed audit entry: by the countersigning reviewer when
        kept at countersignature, as the app does."""
        row = self.assessments.assessment(assessment_id)
        if row["status"] != "approved" or row["version"] != version:
            raise StoreError(f"version {version} of this assessment is not the approved one: "
                             "its report cannot be kept as final")
        kept = self.frozen_report(assessment_id, version, lang, reader)
        if kept is not None:
            return kept
        with self.unit.transaction():
            self.unit.db["frozen_reports"].insert({
                "assessment_id": assessment_id, "version": version, "lang": lang,
                "reader": reader,
                "snapshot": json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
                "verification": verification, "frozen_at": self.unit.now()})
            self.unit.audit("report_frozen", "assessment", assessment_id,
                        reason=_frozen_reason(version, reader, lang, verification))
        return snapshot

    def find_verification(self, code: str) -> dict | None:
        """The countersigned report a verification code belongs to (any case, any version).

        ``problem`` is None only when the code recomputes from the kept snapshot and the
        countersignature, the countersignature verifies under a properly certified
        reviewer, and a signed audit entry recorded the code when the report was kept.
        """
        wanted = normal_code(code)
        found = next(self.unit.db.query(
            "SELECT f.assessment_id, f.version, f.lang, f.reader, f.verification, f.snapshot, "
            "a.case_number, a.version AS current_version, a.status, v.countersigned_by, "
            "v.countersigned_at FROM frozen_reports f JOIN assessments a ON "
            "a.id = f.assessment_id LEFT JOIN assessment_versions v ON v.assessment_id = "
            "f.assessment_id AND v.version = f.version WHERE f.verification = ?", [wanted]),
            None)
        if found is None:
            return None
        snapshot = json.loads(found.pop("snapshot"))
        problem = self.countersignature_problem(found["assessment_id"], found["version"])
        step = self.step(found["assessment_id"], found["version"], "countersign")
        legacy = step is None and problem is None
        signature = step["signature"] if step else None
        if problem is None and verification_code(signature, snapshot_hash(snapshot)) != wanted:
            problem = "the code does not follow from the countersignature and the kept report"
        if problem is None and legacy and wanted not in self._legacy()["codes"]:
            problem = "the code is not among those attested when the store was upgraded"
        if problem is None and not legacy and not self._code_recorded(found, wanted,
                                                                      step["signer"]):
            problem = ("the countersigning reviewer's signed audit entry does not record this "
                       "code: the report was kept, or changed, by someone else")
        found["legacy"] = legacy
        names = {a.id: a.display_name for a in self.accounts.all(include_removed=True)}
        signer = step["signer"] if step else found["countersigned_by"]
        found["countersigned_by"] = names.get(signer)
        found["countersigned_at"] = (step["payload"] or {}).get("at") if step else \
            found["countersigned_at"]
        found["superseded"] = (found["current_version"] != found["version"]
                               or found["status"] != "approved")
        found["problem"] = problem
        return found

    def _code_recorded(self, found: dict, code: str, reviewer: str) -> bool:
        """Whether the reviewer who countersigned recorded this code, in a signed entry,
        when the report was kept (in their session, at countersignature): the kept report
        is then the one they signed off, not one changed afterwards by another account."""
        from cstr_desktop.trust.audit_chain import entry_hash

        rows = self.unit.db["audit"].rows_where(
            "entity_id = ? AND action = 'report_frozen' AND reason = ? AND signer = ?",
            [found["assessment_id"], _frozen_reason(found["version"], found["reader"],
                                                    found["lang"], code), reviewer])
        for entry in rows:
            if entry_hash(entry) == entry["hash"] and self.unit.book.signer_ok(
                    entry["signer"], entry["at"], entry["signature"],
                    audit_payload(entry["hash"])) is None and entry["signer"] == entry["actor"]:
                return True
        return False


def _frozen_reason(version: int, reader: str, lang: str, verification: str) -> str:
    return f"version={version}; reader={reader}; lang={lang}; verification={verification}"
