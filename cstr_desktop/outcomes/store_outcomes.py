"""The store's court outcomes: record one, read them back, and the addenda waiting to go.

Part of the :class:`cstr_desktop.store.Store` facade (a mixin: it uses the store's
connection, transaction, audit and signing key).

- Before approval (a case listed, or its assessment in progress or returned for changes)
  the outcome is saved as answers of the assessment, each with its signed audit entry
  (``answer_saved``, as any answer), in one transaction: it goes with the record and is
  covered by the countersignature. Only an assessor writes answers.
- After approval it is a signed ``cstr-outcome/1`` addendum kept in ``outcome_addenda``
  with its audit entry (``outcome_addendum``), by an assessor or a reviewer, and queued
  in the sync's outbox (kind ``outcome``) in the same transaction; the sync sends it
  (``cstr_desktop.sync.sender``) and, once the pinned key verifies central's receipt,
  :func:`outcome_received` marks it sent. After the purge of its assessment's version
  (and its own receipt) it is a stub (:func:`stub_addenda`).
- While the assessment awaits its countersignature nothing can be added to it: the
  outcome waits for the countersignature (or the return of the assessment).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from ..form_loader import FormBundle
from ..sync import outbox
from ..trust import content_hash, sign
from .addendum import (
    addendum_hash,
    envelope,
    outcome_payload,
    signed_outcome_problem,
)
from .fields import OutcomeError, check_outcome, outcome_answers

WRITABLE = ("draft", "changes_requested")


class OutcomesMixin:
    # -- recording ----------------------------------------------------------------------

    def record_outcome(self, bundle: FormBundle, case_number: str, answers: Mapping[str, Any],
                       supersedes: str | None = None) -> dict[str, Any]:
        """Record the court's outcome on a case; returns how it was kept: ``{"kind":
        "record" | "addendum", "assessment_id", "outcome_id" (an addendum's), "answers"}``.

        ``supersedes`` (an addendum only): the earlier addendum's ``outcome_id``, or
        ``"record"`` for the outcome recorded before approval, that this one corrects.
        """
        self._require("assessor", "reviewer")
        row, hearing = self._outcome_target(case_number)
        checked = check_outcome(answers, hearing, today=self._today())
        status = row["status"] if row else "listed"
        if status == "approved":
            return self._record_addendum(row, checked, supersedes)
        if supersedes is not None:
            raise OutcomeError("OUT_020", None, "only an outcome recorded after the "
                               "countersignature corrects an earlier one")
        if status == "awaiting_review":
            raise OutcomeError("OUT_021", None, "the assessment is waiting for its "
                               "countersignature: record the outcome once it is countersigned "
                               "(it is then sent as a signed addendum), or when it is returned")
        self._require("assessor")
        if row is None:
            row = self.assessment(self.start_assessment(bundle, case_number))
        self._write_outcome_answers(row, checked)
        return {"kind": "record", "assessment_id": row["id"], "outcome_id": None,
                "answers": checked}

    def _outcome_target(self, case_number: str) -> tuple[dict | None, str | None]:
        """The case's assessment (None: listed, not started) and its hearing's date. An
        assessment recorded against a case number that is not on a list (an answers file
        imported on its own) is found by its number, its hearing date from its answers."""
        row = self._case_row(case_number)
        if row is not None:
            case = self.case(case_number)
            found = self.assessment(case["assessment_id"]) if case["assessment_id"] else None
            return found, case["hearing_date"]
        found = self.assessment_for_case(case_number)  # "no assessment for case ..."
        hearing = self.answers(found["id"]).get("hearing_date")
        return found, hearing if isinstance(hearing, str) else None

    def _today(self) -> date:
        return datetime.fromisoformat(self._clock()).astimezone().date()

    def _write_outcome_answers(self, row: dict, checked: dict[str, Any]) -> None:
        """Replace the assessment's outcome answers by ``checked``, each with its signed
        audit entry, in one transaction."""
        ident = row["id"]
        current = self.answers(ident)
        old = outcome_answers(current)
        merged = {k: v for k, v in current.items() if k not in old} | checked
        now = self._clock()
        with self._transaction():
            for name in old:
                if name not in checked:
                    self._write_answer(ident, name, old[name], None, now)
            for name, value in checked.items():
                if old.get(name) != value or type(old.get(name)) is not type(value):
                    self._write_answer(ident, name, old.get(name), value, now)
            self.db["assessments"].update(ident, {
                "content_hash": content_hash(merged), "updated_at": now,
                "started_at": row.get("started_at") or now})

    def _record_addendum(self, row: dict, checked: dict[str, Any],
                         supersedes: str | None) -> dict[str, Any]:
        ident = row["id"]
        if supersedes == "record" and not outcome_answers(self.answers(ident)):
            raise OutcomeError("OUT_020", None, "the record holds no outcome to correct")
        if supersedes not in (None, "record") and not self.db.execute(
                "SELECT 1 FROM outcome_addenda WHERE outcome_id = ? AND assessment_id = ?",
                [supersedes, ident]).fetchone():
            raise OutcomeError("OUT_020", None, f"no earlier outcome {supersedes} of this "
                                                "assessment to correct")
        now = self._clock()
        outcome_id = str(uuid.uuid4())
        payload = outcome_payload(outcome_id, self.store_id, ident, row["version"],
                                  row["case_number"], checked, supersedes, now, self.user.id)
        signed = sign(payload, self._signing_key, self.user.id)
        digest = addendum_hash(payload)
        with self._transaction():
            entry = self._audit("outcome_addendum", "assessment", ident, field=outcome_id,
                                new={"outcome_id": outcome_id, "content_hash": digest,
                                     "version": row["version"], "supersedes": supersedes,
                                     "answers": checked})
            self.db["outcome_addenda"].insert({
                "outcome_id": outcome_id, "assessment_id": ident, "version": row["version"],
                "case_number": row["case_number"],
                "payload": json.dumps(payload, ensure_ascii=False), "signer": self.user.id,
                "signature": signed["signature"], "content_hash": digest,
                "supersedes": supersedes, "outcome_date": checked["outcome_date"],
                "result": checked["outcome_result"], "recorded_at": now,
                "audit_seq": entry["seq"]})
            # Queued for central in the same transaction (the sync's outbox, kind "outcome").
            queued = outbox.queue_outcome(self.db, envelope(signed, self.book), now)
            assert queued == digest, "the outbox and the addendum disagree on its content"
        self.checkpoint()
        return {"kind": "addendum", "assessment_id": ident, "outcome_id": outcome_id,
                "answers": checked}

    # -- reading ------------------------------------------------------------------------

    def outcomes(self, case_number: str) -> list[dict[str, Any]]:
        """Every outcome recorded on the case, oldest first: the one in the record (if
        any; ``outcome_id`` None) and each addendum, with what it supersedes, whether a
        later one replaced it, and whether it was sent."""
        row, _ = self._outcome_target(case_number)
        if row is None:
            return []
        return self._outcomes_of([row["id"]]).get(row["id"], [])

    def _outcomes_of(self, assessment_ids: Iterable[str]) -> dict[str, list[dict]]:
        ids = list(assessment_ids)
        found: dict[str, list[dict]] = {i: [] for i in ids}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            marks = ",".join("?" * len(part))
            record: dict[str, dict] = {}
            for r in self.db.execute(
                    f"SELECT assessment_id, name, value, updated_at FROM answers WHERE "
                    f"assessment_id IN ({marks}) AND name LIKE 'outcome\\_%' ESCAPE '\\' "
                    "ORDER BY rowid", part):
                kept = record.setdefault(r[0], {"answers": {}, "at": r[3]})
                kept["answers"][r[1]] = json.loads(r[2])
                kept["at"] = max(kept["at"], r[3])
            for ident, kept in record.items():
                found[ident].append({"kind": "record", "outcome_id": None, "supersedes": None,
                                     "answers": kept["answers"], "recorded_at": kept["at"],
                                     "sent_at": None, "signer": None, "purged": False})
            for r in self.db.query(
                    f"SELECT o.*, acc.username FROM outcome_addenda o LEFT JOIN accounts acc "
                    f"ON acc.id = o.signer WHERE o.assessment_id IN ({marks}) "
                    "ORDER BY o.recorded_at, o.rowid", part):
                found[r["assessment_id"]].append({
                    "kind": "addendum", "outcome_id": r["outcome_id"],
                    "supersedes": r["supersedes"],
                    # A stub (purged after central's receipt) has no answers left.
                    "answers": json.loads(r["payload"])["answers"] if r["payload"] else {},
                    "recorded_at": r["recorded_at"], "sent_at": r["sent_at"],
                    "signer": r["username"], "purged": r["purged_at"] is not None})
        for items in found.values():
            replaced = {o["supersedes"] for o in items if o["supersedes"]}
            for o in items:
                o["superseded"] = (o["outcome_id"] or "record") in replaced
        return found

    def latest_outcomes(self, assessment_ids: Iterable[str]) -> dict[str, dict]:
        """Each assessment's outcome as it now stands: of those not superseded, the one of
        the latest hearing (then the latest recorded). Absent: no outcome."""
        latest = {}
        for ident, items in self._outcomes_of(assessment_ids).items():
            standing = [o for o in items if not o["superseded"]]
            if standing:
                best = max(enumerate(standing), key=lambda p: (
                    p[1]["answers"].get("outcome_date", ""), p[0]))[1]
                latest[ident] = {**best, "pending": sum(
                    1 for o in items if o["kind"] == "addendum" and not o["sent_at"])}
        return latest

    # -- for sync -------------------------------------------------------------------------

    def pending_outcome_addenda(self) -> list[dict[str, Any]]:
        """The addenda the sync's outbox still has to send (or central holds for the
        office), oldest first: each ``{"outcome_id", "content_hash", "path", "body"}``,
        ``body`` the ``cstr-outcome-addendum/1`` it PUTs at ``path``."""
        return [{"outcome_id": r["item_id"], "content_hash": r["content_hash"],
                 "path": f"/api/v1/outcomes/{r['item_id']}",
                 "body": outbox.payload(self.db, r["id"])}
                for r in outbox.rows(self.db, outbox.SENDABLE, kind="outcome")]

    # -- checking -----------------------------------------------------------------------

    def outcome_problems(self) -> list[str]:
        """Each kept addendum's signature, content hash and audit entry, checked."""
        problems = []
        for r in self.db.query("SELECT o.*, a.new AS audit_new, a.actor AS audit_actor, "
                               "a.redacted AS redacted "
                               "FROM outcome_addenda o LEFT JOIN audit a "
                               "ON a.seq = o.audit_seq ORDER BY o.rowid"):
            name = f"outcome addendum {r['outcome_id']}"
            if r["purged_at"] is not None:  # a stub: its entry redacted, its receipt kept
                if not (r["redacted"] and r["receipt"] and r["audit_actor"] == r["signer"]):
                    problems.append(f"{name}: a stub without its receipt or redacted entry")
                continue
            try:
                payload = json.loads(r["payload"])
            except ValueError:
                problems.append(f"{name}: its payload is not JSON")
                continue
            signed = {"payload": payload, "signer": r["signer"], "signature": r["signature"]}
            problem = signed_outcome_problem(signed, self.book, self.store_id)
            if problem:
                problems.append(f"{name}: {problem}")
            elif payload.get("outcome_id") != r["outcome_id"] or \
                    addendum_hash(payload) != r["content_hash"]:
                problems.append(f"{name}: its content hash or id does not match its payload")
            elif r["audit_actor"] != r["signer"] or (not r["redacted"] and (
                    r["audit_new"] is None or
                    json.loads(r["audit_new"]).get("content_hash") != r["content_hash"])):
                problems.append(f"{name}: its audit entry is missing or names another "
                                "content")
        return problems
