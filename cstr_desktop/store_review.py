"""Review and countersignature: signed lifecycle steps, and checking them.

Every step (submit, request changes, countersign, amend) is a signed object by its
actor (docs/trust-model.md, Signed steps), kept in the ``steps`` table beside its
audit entry. The countersignature signs the assessment's id, version, the hash of
its answers and the audit head; a printed report's verification code is derived
from it. So an approval written into the database by anyone without the
reviewer's private key does not verify, and ``verify CODE`` says so.

Part of the :class:`cstr_desktop.store.Store` facade (a mixin).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from .form_loader import load_bundle
from .interview import InterviewState
from .lifecycle import Actor, LifecycleError, RoleError, check_editable, check_move
from .store_assessments import dump
from .trust import (
    LIFECYCLE_TYPE,
    audit_payload,
    content_hash,
    lifecycle_payload,
    normal_code,
    sign,
    signature_ok,
    snapshot_hash,
    verification_code,
)

# Entries that change a version's content: a reviewer who made one may not countersign it.
EDITS = ("assessment_created", "answer_saved", "answer_imported", "amend")
MAX_COMMENT = 4000


class ReviewMixin:
    # -- steps --------------------------------------------------------------------------

    def _move(self, assessment_id: str, action: str, text: str | None = None,
              step_version: int | None = None, also: Callable[[dict], None] | None = None,
              **columns: Any) -> dict:
        row = self.assessment(assessment_id)
        status = check_move(action, row["status"], Actor(self.user.id, self.user.role),
                            row["created_by"], text)
        now = self._clock()
        with self._transaction():
            self.db["assessments"].update(assessment_id, {"status": status, "updated_at": now,
                                                          **columns})
            self._signed_step(row, action, text, now, step_version, new_status=status)
            if also is not None:
                also(row)  # what goes with the step, in its transaction
        self.checkpoint()
        return self.assessment(assessment_id)

    def _signed_step(self, row: dict, action: str, text: str | None, now: str,
                     step_version: int | None = None, new_status: str | None = None) -> None:
        """The step as a signed object, with its audit entry (inside a transaction)."""
        assessment_id = row["id"]
        _, head = self._head()
        payload = lifecycle_payload(self.store_id, assessment_id,
                                    step_version or row["version"], action,
                                    content_hash(self.answers(assessment_id)), head, now,
                                    self.user.id, text)
        signed = sign(payload, self._signing_key, self.user.id)
        entry = self._audit(action, "assessment", assessment_id, old=row["status"],
                            new=new_status or row["status"], reason=text)
        self.db["steps"].insert({"assessment_id": assessment_id,
                                 "version": payload["version"], "action": action,
                                 "payload": json.dumps(payload, ensure_ascii=False),
                                 "signer": self.user.id, "signature": signed["signature"],
                                 "audit_seq": entry["seq"]})

    def submit_for_review(self, assessment_id: str) -> dict:
        return self._move(assessment_id, "submit", submitted_by=self.user.id,
                          submitted_at=self._clock())

    def request_changes(self, assessment_id: str, comment: str) -> dict:
        """Return it to the assessor with a comment, kept in the review's history."""
        comment = (comment or "").strip()
        self._check_comment(comment)
        return self._move(assessment_id, "request_changes", comment, review_comment=comment,
                          also=lambda row: self._add_comment(row, "changes_requested",
                                                             comment))

    def reply_to_review(self, assessment_id: str, text: str) -> dict:
        """The assessor answers the reviewer's comments (kept with them, never replaced)."""
        self._require("assessor")
        row = self.assessment(assessment_id)
        text = (text or "").strip()
        if not text:
            raise LifecycleError("a reply needs some text")
        if not self.review_comments(assessment_id):
            raise LifecycleError("there is no reviewer's comment to reply to")
        check_editable(row["status"])
        self._check_comment(text)
        with self._transaction():
            # A signed step ("reply", docs/trust-model.md) that changes no status.
            self._signed_step(row, "reply", text, self._clock())
            self._add_comment(row, "reply", text)
        self.checkpoint()
        return row

    def review_comments(self, assessment_id: str) -> list[dict]:
        """The review's comments and the replies, oldest first, with who wrote each (the
        role as the author's certificate gives it)."""
        rows = list(self.db.query(
            "SELECT r.kind, r.text, r.at, r.version, r.author_id, acc.username AS author "
            "FROM review_comments r LEFT JOIN accounts acc ON acc.id = r.author_id "
            "WHERE r.assessment_id = ? ORDER BY r.at, r.rowid", [assessment_id]))
        for r in rows:
            cert = self.book.current(r.pop("author_id"))
            r["author_role"] = cert.role if cert else None
        return rows

    def _check_comment(self, text: str) -> None:
        if len(text) > MAX_COMMENT:
            raise LifecycleError(f"a comment is at most {MAX_COMMENT} characters (this one "
                                 f"has {len(text)})")
        if text and self.slots.matches(self.user.username, text):
            # The password box and the comment box are separate; this stops the one
            # slip that would show a password to the assessor and keep it for good.
            raise LifecycleError("that is your password, not a comment: it was not sent. "
                                 "Type the comment in the comment box")

    def _add_comment(self, row: dict, kind: str, text: str) -> None:
        self.db["review_comments"].insert({
            "id": str(uuid.uuid4()), "assessment_id": row["id"], "version": row["version"],
            "kind": kind, "text": text, "author_id": self.user.id, "at": self._clock()})

    def _edited_by(self, assessment_id: str, version: int, account_id: str) -> bool:
        """Whether ``account_id`` changed this version's content (or opened it by amending)."""
        start = self.db.execute(
            "SELECT max(audit_seq) FROM steps WHERE assessment_id = ? AND version = ? "
            "AND action = 'amend'", [assessment_id, version]).fetchone()[0] or 0
        marks = ",".join("?" * len(EDITS))
        return self.db.execute(
            f"SELECT 1 FROM audit WHERE entity_id = ? AND actor = ? AND seq >= ? "
            f"AND action IN ({marks}) LIMIT 1",
            [assessment_id, account_id, start, *EDITS]).fetchone() is not None

    def countersign(self, assessment_id: str, password: str) -> dict:
        """Approve and lock, signed with the reviewer's key. The reviewer confirms with
        their password (wrong guesses count and back off as at sign-in)."""
        row = self.assessment(assessment_id)
        check_move("countersign", row["status"], Actor(self.user.id, self.user.role),
                   row["created_by"])
        self.confirm_password(password, "the password is wrong: not countersigned")
        if self._edited_by(assessment_id, row["version"], self.user.id):
            raise RoleError("you edited this version of the assessment: another reviewer "
                            "must countersign it")
        state = InterviewState(load_bundle(row["form_id"], row["form_version"]),
                               self.answers(assessment_id))
        open_items = state.not_final()
        if open_items:
            listed = "; ".join(open_items[:3])
            more = len(open_items) - 3
            raise LifecycleError(
                "not countersigned: the opinion on the statutory criteria is not final ("
                + listed + (f"; and {more} more" if more > 0 else "")
                + "). Request changes so the assessor can complete it.")
        now = self._clock()

        def keep_and_queue(before: dict) -> None:
            # In the countersignature's own transaction: the version kept, and queued for
            # central records (a crash cannot leave an approved version unqueued).
            from .sync.outbox import queue

            answers = self.answers(assessment_id)
            step = self._step(assessment_id, before["version"], "countersign")
            self.db["assessment_versions"].insert({
                "assessment_id": assessment_id, "version": before["version"],
                "answers": dump(answers), "content_hash": content_hash(answers),
                "countersigned_by": self.user.id, "countersigned_at": now,
                "countersignature": step["signature"]})
            queue(self.db, "record", assessment_id, before["version"], content_hash(answers),
                  now, approved_at=now)

        return self._move(assessment_id, "countersign", also=keep_and_queue,
                          countersigned_by=self.user.id, countersigned_at=now,
                          review_comment=None)

    def amend(self, assessment_id: str, reason: str, password: str | None = None) -> dict:
        """Reopen an approved assessment as its next version; the countersignature is void.

        Only its author, or a reviewer confirming with their password, may.
        """
        row = self.assessment(assessment_id)
        check_move("amend", row["status"], Actor(self.user.id, self.user.role),
                   row["created_by"], reason)
        if self.user.role == "reviewer":
            if not password:
                raise LifecycleError("a reviewer confirms an amendment with their password")
            self.confirm_password(password, "the password is wrong: not amended")
        return self._move(assessment_id, "amend", reason, step_version=row["version"] + 1,
                          version=row["version"] + 1, countersigned_by=None,
                          countersigned_at=None, amendment_reason=reason, submitted_by=None,
                          submitted_at=None)

    # -- checking signed steps ------------------------------------------------------------

    def _step(self, assessment_id: str, version: int, action: str) -> dict | None:
        row = next(self.db["steps"].rows_where(
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
        for r in self.db["steps"].rows_where(where, params, order_by="seq"):
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
        from .audit_chain import ACTION_ROLES

        problems = []
        for s in steps:
            p = s["payload"]
            where = f"step {s['seq']} ({s['action']} of {s['assessment_id']} v{s['version']})"
            if not isinstance(p, dict) or p.get("type") != LIFECYCLE_TYPE or \
                    p.get("store_id") != self.store_id or p.get("action") != s["action"] or \
                    p.get("assessment_id") != s["assessment_id"] or \
                    p.get("version") != s["version"] or p.get("actor") != s["signer"]:
                problems.append(f"{where}: its record does not match what was signed")
                continue
            problem = self.book.signer_ok(s["signer"], p["at"], s["signature"], p,
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
        from .audit_chain import UPGRADE_ACTION, entry_hash

        found: dict = {"versions": {}, "codes": set()}
        row = next(self.db["audit"].rows_where("action = ?", [UPGRADE_ACTION],
                                               order_by="seq", limit=1), None)
        if row is not None and entry_hash(row) == row["hash"] and \
                row["signer"] == row["actor"] and self.book.signer_ok(
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
        return next(self.db["assessment_versions"].rows_where(
            "assessment_id = ? AND version = ?", [assessment_id, version]), None)

    def countersignature_problem(self, assessment_id: str, version: int) -> str | None:
        """None if the version's countersignature verifies under a properly certified
        reviewer who neither wrote nor edited it; otherwise what is wrong, in words.

        A version countersigned before signatures existed counts when the upgrade's
        attestation names it and its answers are still the ones attested."""
        step = self._step(assessment_id, version, "countersign")
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
                p.get("store_id") != self.store_id or p.get("assessment_id") != assessment_id \
                or p.get("version") != version or p.get("action") != "countersign" or \
                p.get("actor") != step["signer"]:
            return "the countersignature's record does not match what was signed"
        problem = self.book.signer_ok(step["signer"], p["at"], step["signature"], p,
                                      ("reviewer",))
        if problem:
            return f"the countersignature: {problem}"
        kept = next(self.db["assessment_versions"].rows_where(
            "assessment_id = ? AND version = ?", [assessment_id, version]), None)
        if kept is None or content_hash(json.loads(kept["answers"])) != p["content_hash"]:
            return "the answers are not the ones countersigned"
        creator = self.db.execute(
            "SELECT actor, hash, signature FROM audit WHERE entity_id = ? "
            "AND action = 'assessment_created' ORDER BY seq LIMIT 1", [assessment_id]).fetchone()
        if creator is None or creator[0] == step["signer"] or not self._entry_signed(creator):
            return "the reviewer wrote this assessment, or its record of who wrote it was altered"
        if any(s["payload"] and s["payload"].get("actor") == step["signer"]
               for s in self.signed_steps(assessment_id)
               if s["version"] == version and s["action"] == "submit"):
            return "the reviewer submitted this version"
        if self._edited_by(assessment_id, version, step["signer"]):
            return "the reviewer edited this version"
        before = self._entry_hash_at((step["audit_seq"] or 0) - 1) if step["audit_seq"] else None
        if step["audit_seq"] and (before or "0" * 64) != p["audit_head"]:
            return "the countersignature's place in the audit trail was changed"
        return None

    def _entry_signed(self, entry: tuple[str, str, str]) -> bool:
        actor, entry_hash, signature = entry
        cert = self.book.current(actor)
        return cert is not None and signature_ok(self.book.key(cert), signature,
                                                 audit_payload(entry_hash))

    def countersignature(self, assessment_id: str, version: int) -> dict | None:
        """The signed countersign step of a version, and where the trail stood then."""
        step = self._step(assessment_id, version, "countersign")
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
        row = next(self.db["frozen_reports"].rows_where(
            "assessment_id = ? AND version = ? AND lang = ? AND reader = ?",
            [assessment_id, version, lang, reader]), None)
        return json.loads(row["snapshot"]) if row else None

    def freeze_report(self, assessment_id: str, version: int, lang: str, snapshot: dict,
                      verification: str, reader: str = "court") -> dict:
        """Keep an approved version's copy for a reader; the first one kept stays for good.

        Its code is recorded in a signed audit entry: by the countersigning reviewer when
        kept at countersignature, as the app does."""
        row = self.assessment(assessment_id)
        if row["status"] != "approved" or row["version"] != version:
            raise self.error(f"version {version} of this assessment is not the approved one: "
                             "its report cannot be kept as final")
        kept = self.frozen_report(assessment_id, version, lang, reader)
        if kept is not None:
            return kept
        with self._transaction():
            self.db["frozen_reports"].insert({
                "assessment_id": assessment_id, "version": version, "lang": lang,
                "reader": reader,
                "snapshot": json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
                "verification": verification, "frozen_at": self._clock()})
            self._audit("report_frozen", "assessment", assessment_id,
                        reason=_frozen_reason(version, reader, lang, verification))
        return snapshot

    def find_verification(self, code: str) -> dict | None:
        """The countersigned report a verification code belongs to (any case, any version).

        ``problem`` is None only when the code recomputes from the kept snapshot and the
        countersignature, the countersignature verifies under a properly certified
        reviewer, and a signed audit entry recorded the code when the report was kept.
        """
        wanted = normal_code(code)
        found = next(self.db.query(
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
        step = self._step(found["assessment_id"], found["version"], "countersign")
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
        names = {a.id: a.display_name for a in self.accounts(include_removed=True)}
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
        from .audit_chain import entry_hash

        rows = self.db["audit"].rows_where(
            "entity_id = ? AND action = 'report_frozen' AND reason = ? AND signer = ?",
            [found["assessment_id"], _frozen_reason(found["version"], found["reader"],
                                                    found["lang"], code), reviewer])
        for entry in rows:
            if entry_hash(entry) == entry["hash"] and self.book.signer_ok(
                    entry["signer"], entry["at"], entry["signature"],
                    audit_payload(entry["hash"])) is None and entry["signer"] == entry["actor"]:
                return True
        return False


def _frozen_reason(version: int, reader: str, lang: str, verification: str) -> str:
    return f"version={version}; reader={reader}; lang={lang}; verification={verification}"
