"""Review and countersignature: signed lifecycle steps, and checking them.

Every step (submit, request changes, countersign, amend) is a signed object by its
actor (docs/trust-model.md, Signed steps), kept in the ``steps`` table beside its
audit entry. The countersignature signs the assessment's id, version, the hash of
its answers and the audit head; a printed report's verification code is derived
from it. So an approval written into the database by anyone without the
reviewer's private key does not verify, and ``verify CODE`` says so.

A repository of the store (:class:`cstr_desktop.store.session.Store` puts it together).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from cstr_desktop.errors import LifecycleError, RoleError
from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.loader import load_bundle
from cstr_desktop.store.accounts import Accounts
from cstr_desktop.store.assessments import Assessments
from cstr_desktop.store.lifecycle import (
    Actor,
    allowed_moves,
    check_editable,
    check_move,
    password_needed,
)
from cstr_desktop.store.unit import Repository, UnitOfWork, dump
from cstr_desktop.store.verification import Verification
from cstr_desktop.trust.signatures import (
    content_hash,
    lifecycle_payload,
    sign,
)

# Entries that change a version's content: a reviewer who made one may not countersign it.
EDITS = ("assessment_created", "answer_saved", "answer_imported", "amend")
MAX_COMMENT = 4000


class Review(Repository):
    """The lifecycle's signed steps: submit, request changes, reply, countersign, amend."""

    def __init__(self, unit: UnitOfWork, assessments: Assessments, accounts: Accounts,
                 verification: Verification):
        super().__init__(unit)
        self.assessments = assessments
        self.accounts = accounts
        self.verification = verification

    def allowed_moves(self, row: dict) -> tuple[str, ...]:
        """What the signed-in account may do with this assessment (its row)."""
        return allowed_moves(row["status"], Actor(self.unit.user.id, self.unit.user.role),
                             row["created_by"])

    # -- steps --------------------------------------------------------------------------

    def _move(self, assessment_id: str, action: str, text: str | None = None,
              step_version: int | None = None, also: Callable[[dict], None] | None = None,
              **columns: Any) -> dict:
        row = self.assessments.assessment(assessment_id)
        status = check_move(action, row["status"], Actor(self.unit.user.id, self.unit.user.role),
                            row["created_by"], text)
        now = self.unit.now()
        with self.unit.transaction():
            self.unit.db["assessments"].update(assessment_id, {"status": status, "updated_at": now,
                                                          **columns})
            self._signed_step(row, action, text, now, step_version, new_status=status)
            if also is not None:
                also(row)  # what goes with the step, in its transaction
        self.unit.checkpoint()
        return self.assessments.assessment(assessment_id)

    def _signed_step(self, row: dict, action: str, text: str | None, now: str,
                     step_version: int | None = None, new_status: str | None = None) -> None:
        """The step as a signed object, with its audit entry (inside a transaction)."""
        assessment_id = row["id"]
        _, head = self.unit.head()
        answers = self.assessments.answers(assessment_id)
        payload = lifecycle_payload(self.unit.store_id, assessment_id,
                                    step_version or row["version"], action,
                                    content_hash(answers), head, now, self.unit.user.id, text)
        signed = sign(payload, self.unit.signing_key, self.unit.user.id)
        entry = self.unit.audit(action, "assessment", assessment_id, old=row["status"],
                            new=new_status or row["status"], reason=text)
        self.unit.db["steps"].insert({"assessment_id": assessment_id,
                                 "version": payload["version"], "action": action,
                                 "payload": json.dumps(payload, ensure_ascii=False),
                                 "signer": self.unit.user.id, "signature": signed["signature"],
                                 "audit_seq": entry["seq"]})

    def submit_for_review(self, assessment_id: str) -> dict:
        return self._move(assessment_id, "submit", submitted_by=self.unit.user.id,
                          submitted_at=self.unit.now())

    def request_changes(self, assessment_id: str, comment: str) -> dict:
        """Return it to the assessor with a comment, kept in the review's history."""
        comment = (comment or "").strip()
        self._check_comment(comment)
        return self._move(assessment_id, "request_changes", comment, review_comment=comment,
                          also=lambda row: self._add_comment(row, "changes_requested",
                                                             comment))

    def reply_to_review(self, assessment_id: str, text: str) -> dict:
        """The assessor answers the reviewer's comments (kept with them, never replaced)."""
        self.unit.require("assessor")
        row = self.assessments.assessment(assessment_id)
        text = (text or "").strip()
        if not text:
            raise LifecycleError("a reply needs some text")
        if not self.review_comments(assessment_id):
            raise LifecycleError("there is no reviewer's comment to reply to")
        check_editable(row["status"])
        self._check_comment(text)
        with self.unit.transaction():
            # A signed step ("reply", docs/trust-model.md) that changes no status.
            self._signed_step(row, "reply", text, self.unit.now())
            self._add_comment(row, "reply", text)
        self.unit.checkpoint()
        return row

    def review_comments(self, assessment_id: str) -> list[dict]:
        """The review's comments and the replies, oldest first, with who wrote each (the
        role as the author's certificate gives it)."""
        rows = list(self.unit.db.query(
            "SELECT r.kind, r.text, r.at, r.version, r.author_id, acc.username AS author "
            "FROM review_comments r LEFT JOIN accounts acc ON acc.id = r.author_id "
            "WHERE r.assessment_id = ? ORDER BY r.at, r.rowid", [assessment_id]))
        for r in rows:
            cert = self.unit.book.current(r.pop("author_id"))
            r["author_role"] = cert.role if cert else None
        return rows

    def _check_comment(self, text: str) -> None:
        if len(text) > MAX_COMMENT:
            raise LifecycleError(f"a comment is at most {MAX_COMMENT} characters (this one "
                                 f"has {len(text)})")
        if text and self.unit.slots.matches(self.unit.user.username, text):
            # The password box and the comment box are separate; this stops the one
            # slip that would show a password to the assessor and keep it for good.
            raise LifecycleError("that is your password, not a comment: it was not sent. "
                                 "Type the comment in the comment box",
                                 code="comment_is_password")

    def _add_comment(self, row: dict, kind: str, text: str) -> None:
        self.unit.db["review_comments"].insert({
            "id": str(uuid.uuid4()), "assessment_id": row["id"], "version": row["version"],
            "kind": kind, "text": text, "author_id": self.unit.user.id, "at": self.unit.now()})

    def countersign(self, assessment_id: str, password: str) -> dict:
        """Approve and lock, signed with the reviewer's key. The reviewer confirms with
        their password (wrong guesses count and back off as at sign-in)."""
        row = self.assessments.assessment(assessment_id)
        check_move("countersign", row["status"], Actor(self.unit.user.id, self.unit.user.role),
                   row["created_by"])
        self.accounts.confirm_password(password, "the password is wrong: not countersigned",
                              code="countersign_password_wrong")
        if self.verification.edited_by(assessment_id, row["version"], self.unit.user.id):
            raise RoleError("you edited this version of the assessment: another reviewer "
                            "must countersign it")
        state = InterviewState(load_bundle(row["form_id"], row["form_version"]),
                               self.assessments.answers(assessment_id))
        open_items = state.not_final()
        if open_items:
            listed = "; ".join(open_items[:3])
            more = len(open_items) - 3
            raise LifecycleError(
                "not countersigned: the opinion on the statutory criteria is not final ("
                + listed + (f"; and {more} more" if more > 0 else "")
                + "). Request changes so the assessor can complete it.")
        now = self.unit.now()
        # One transaction: the approval, its signed step and the version kept as
        # countersigned are written together or not at all.
        return self._move(assessment_id, "countersign", countersigned_by=self.unit.user.id,
                          countersigned_at=now, review_comment=None,
                          also=lambda row: self._keep_version(row, now))

    def _keep_version(self, row: dict, now: str) -> None:
        """The countersigned version's answers and signature, kept for good, and queued for
        central records (inside the countersignature's transaction)."""
        from cstr_desktop.sync.outbox import queue

        answers = self.assessments.answers(row["id"])
        step = self.verification.step(row["id"], row["version"], "countersign")
        self.unit.db["assessment_versions"].insert({
            "assessment_id": row["id"], "version": row["version"],
            "answers": dump(answers), "content_hash": content_hash(answers),
            "countersigned_by": self.unit.user.id, "countersigned_at": now,
            "countersignature": step["signature"]})
        # Queued for central records in the same transaction: a crash cannot leave an
        # approved version unqueued.
        queue(self.unit.db, "record", row["id"], row["version"], content_hash(answers), now,
              approved_at=now)

    def amend(self, assessment_id: str, reason: str, password: str | None = None) -> dict:
        """Reopen an approved assessment as its next version; the countersignature is void.

        Only its author, or a reviewer confirming with their password, may.
        """
        row = self.assessments.assessment(assessment_id)
        check_move("amend", row["status"], Actor(self.unit.user.id, self.unit.user.role),
                   row["created_by"], reason)
        if password_needed("amend", Actor(self.unit.user.id, self.unit.user.role)):
            if not password:
                raise LifecycleError("a reviewer confirms an amendment with their password")
            self.accounts.confirm_password(password, "the password is wrong: not amended")
        return self._move(assessment_id, "amend", reason, step_version=row["version"] + 1,
                          version=row["version"] + 1, countersigned_by=None,
                          countersigned_at=None, amendment_reason=reason, submitted_by=None,
                          submitted_at=None)
