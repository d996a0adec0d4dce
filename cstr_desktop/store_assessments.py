"""The store's assessments: create, autosave answers, and the review lifecycle.

Part of the :class:`cstr_desktop.store.Store` facade (a mixin).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from sqlite_utils.db import NotFoundError

from .answers import check_answer, check_answers
from .form_loader import FormBundle, load_bundle
from .interview import InterviewState
from .lifecycle import Actor, LifecycleError, check_editable, check_move

# Listing fields copied into a new assessment's answers (court list -> interview).
PREFILL = {"family_name": "person_family_name", "given_names": "person_given_names",
           "date_of_birth": "person_dob", "hearing_date": "hearing_date",
           "court_name": "court_name", "courtroom": "courtroom", "list_time": "list_time",
           "case_number": "case_number", "pnc_id": "pnc_id", "crn": "crn"}


def dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def content_hash(answers: Mapping[str, Any]) -> str:
    canonical = json.dumps(dict(answers), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AssessmentsMixin:
    def create_assessment(self, bundle: FormBundle, case_number: str | None = None,
                          prefill: Mapping[str, Any] | None = None) -> str:
        self._require("assessor", "admin")
        ident = str(uuid.uuid4())
        now = self._clock()
        answers = check_answers(bundle, dict(prefill or {}))
        with self._transaction():
            self.db["assessments"].insert({
                "id": ident, "case_number": case_number, "form_id": bundle.id,
                "form_version": bundle.version, "version": 1, "status": "draft",
                "content_hash": content_hash(answers), "created_by": self.user.id,
                "created_at": now, "updated_at": now})
            self._audit("assessment_created", "assessment", ident,
                        new={"form_id": bundle.id, "form_version": bundle.version})
            for name, value in answers.items():
                self._write_answer(ident, name, None, value, now)
        return ident

    def start_assessment(self, bundle: FormBundle, case_number: str) -> str:
        """The case's assessment, created (with the listing details filled in) if need be."""
        case = self.case(case_number)
        if case["assessment_id"]:
            return case["assessment_id"]
        prefill = {answer: case[field] for field, answer in PREFILL.items()
                   if case.get(field) and answer in bundle.questions}
        try:
            check_answers(bundle, prefill)
        except ValueError:
            # A listing detail the form will not take (say, a time in another
            # format) is left for the assessor rather than blocking the case.
            prefill = {k: v for k, v in prefill.items() if _valid(bundle, k, v)}
        return self.create_assessment(bundle, case_number, prefill)

    def assessment(self, ident: str) -> dict:
        try:
            return self.db["assessments"].get(ident)
        except NotFoundError:
            raise self.error(f"no assessment {ident}") from None

    def assessment_for_case(self, case_number: str) -> dict:
        row = next(self.db["assessments"].rows_where(
            "case_number = ?", [case_number], order_by="created_at DESC", limit=1), None)
        if row is None:
            raise self.error(f"no assessment for case {case_number}")
        return row

    def answers(self, assessment_id: str) -> dict[str, Any]:
        return {r["name"]: json.loads(r["value"]) for r in self.db["answers"].rows_where(
            "assessment_id = ?", [assessment_id], order_by="rowid")}

    def save_answer(self, bundle: FormBundle, assessment_id: str, name: str, value: Any) -> None:
        """Save one answer (``None`` clears it) with its audit entry, in one transaction.

        When this returns, the answer is on disk (WAL, synchronous=FULL).
        """
        self._require("assessor", "admin")
        check_editable(self.assessment(assessment_id)["status"])
        current = self.answers(assessment_id)
        if value is not None:
            check_answer(bundle, name, value, current)
        old = current.get(name)
        if old == value and type(old) is type(value):
            return
        if value is None:
            current.pop(name, None)
        else:
            current[name] = value
        now = self._clock()
        with self._transaction():
            self._write_answer(assessment_id, name, old, value, now)
            self.db["assessments"].update(assessment_id, {"content_hash": content_hash(current),
                                                          "updated_at": now})

    def import_answers(self, bundle: FormBundle, assessment_id: str,
                       answers: Mapping[str, Any]) -> int:
        """Record a checked set of answers as if given in the app; returns how many changed."""
        self._require("assessor", "admin")
        check_editable(self.assessment(assessment_id)["status"])
        answers = check_answers(bundle, dict(answers))
        current = self.answers(assessment_id)
        merged = {**current, **answers}
        check_answers(bundle, merged)
        now = self._clock()
        changed = 0
        with self._transaction():
            for name, value in answers.items():
                old = current.get(name)
                if old == value and type(old) is type(value):
                    continue
                self._write_answer(assessment_id, name, old, value, now, action="answer_imported")
                changed += 1
            self.db["assessments"].update(assessment_id, {"content_hash": content_hash(merged),
                                                          "updated_at": now})
        return changed

    def _write_answer(self, assessment_id: str, name: str, old: Any, value: Any, now: str,
                      action: str = "answer_saved") -> None:
        if value is None:
            self.db["answers"].delete_where("assessment_id = ? AND name = ?",
                                            [assessment_id, name])
        else:
            self.db["answers"].upsert({"assessment_id": assessment_id, "name": name,
                                       "value": dump(value), "updated_at": now,
                                       "updated_by": self.user.id},
                                      pk=("assessment_id", "name"))
        self._audit(action, "assessment", assessment_id, field=name, old=old, new=value)

    def set_position(self, assessment_id: str, section: str, question: str | None) -> None:
        """Remember where the interview is, so that reopening returns there (not audited)."""
        self.db["assessments"].update(assessment_id, {"resume_section": section,
                                                      "resume_question": question})

    def awaiting_review(self) -> list[dict]:
        """Assessments waiting for a countersignature, oldest first."""
        return list(self.db.query(
            "SELECT a.*, c.family_name, c.given_names FROM assessments a "
            "LEFT JOIN cases c ON c.case_number = a.case_number "
            "WHERE a.status = 'awaiting_review' ORDER BY a.submitted_at"))

    # -- lifecycle --------------------------------------------------------------

    def _move(self, assessment_id: str, action: str, text: str | None = None,
              **columns: Any) -> dict:
        row = self.assessment(assessment_id)
        status = check_move(action, row["status"], Actor(self.user.id, self.user.role),
                            row["created_by"], text)
        now = self._clock()
        with self._transaction():
            self.db["assessments"].update(assessment_id, {"status": status, "updated_at": now,
                                                          **columns})
            self._audit(action, "assessment", assessment_id, old=row["status"], new=status,
                        reason=text)
        return self.assessment(assessment_id)

    def submit_for_review(self, assessment_id: str) -> dict:
        return self._move(assessment_id, "submit", submitted_by=self.user.id,
                          submitted_at=self._clock())

    def request_changes(self, assessment_id: str, comment: str) -> dict:
        return self._move(assessment_id, "request_changes", comment, review_comment=comment)

    def countersign(self, assessment_id: str, password: str) -> dict:
        """Approve and lock. The reviewer confirms with their password."""
        if not self.verify_password(password):
            raise self.sign_in_error("the password is wrong: not countersigned")
        row = self.assessment(assessment_id)
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
        row = self._move(assessment_id, "countersign", countersigned_by=self.user.id,
                         countersigned_at=now, review_comment=None)
        answers = self.answers(assessment_id)
        with self._transaction():
            self.db["assessment_versions"].insert({
                "assessment_id": assessment_id, "version": row["version"],
                "answers": dump(answers), "content_hash": content_hash(answers),
                "countersigned_by": self.user.id, "countersigned_at": now})
        return row

    def amend(self, assessment_id: str, reason: str) -> dict:
        """Reopen an approved assessment as its next version; the countersignature is void."""
        row = self.assessment(assessment_id)
        return self._move(assessment_id, "amend", reason, version=row["version"] + 1,
                          countersigned_by=None, countersigned_at=None,
                          amendment_reason=reason, submitted_by=None, submitted_at=None)


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
        """Keep an approved version's copy for a reader; the first one kept stays for good."""
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
                        reason=f"version={version}; reader={reader}; lang={lang}; "
                               f"verification={verification}")
        return snapshot

    def find_verification(self, code: str) -> dict | None:
        """The countersigned report a verification code belongs to (any case, any version)."""
        letters = "".join(ch for ch in code.upper() if ch.isalnum())
        wanted = "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))
        found = next(self.db.query(
            "SELECT f.assessment_id, f.version, f.lang, f.reader, f.verification, "
            "a.case_number, "
            "a.version AS current_version, a.status, v.countersigned_by, v.countersigned_at "
            "FROM frozen_reports f JOIN assessments a ON a.id = f.assessment_id "
            "LEFT JOIN assessment_versions v ON v.assessment_id = f.assessment_id "
            "AND v.version = f.version WHERE f.verification = ?", [wanted]), None)
        if found is None:
            return None
        names = {a.id: a.display_name for a in self.accounts(include_removed=True)}
        found["countersigned_by"] = names.get(found["countersigned_by"])
        found["superseded"] = (found["current_version"] != found["version"]
                               or found["status"] != "approved")
        return found


def _valid(bundle: FormBundle, name: str, value: Any) -> bool:
    try:
        check_answer(bundle, name, value)
    except ValueError:
        return False
    return True
