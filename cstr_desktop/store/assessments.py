"""The store's assessments: create, autosave answers, and the review lifecycle.

A repository of the store (:class:`cstr_desktop.store.session.Store` puts it together).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from sqlite_utils.db import NotFoundError

from cstr_desktop.errors import StoreError
from cstr_desktop.forms.answers import check_answer, check_answers
from cstr_desktop.forms.bundle import FormBundle
from cstr_desktop.store.cases import Cases
from cstr_desktop.store.lifecycle import check_editable
from cstr_desktop.store.unit import Repository, UnitOfWork, dump
from cstr_desktop.trust.signatures import content_hash


class Assessments(Repository):
    """Assessments, their answers (each saved at once, with its audit entry) and where the
    interview stands."""

    def __init__(self, unit: UnitOfWork, cases: Cases):
        super().__init__(unit)
        self.cases = cases

    def create_assessment(self, bundle: FormBundle, case_number: str | None = None,
                          prefill: Mapping[str, Any] | None = None) -> str:
        self.unit.require("assessor")
        ident = str(uuid.uuid4())
        now = self.unit.now()
        answers = check_answers(bundle, dict(prefill or {}))
        with self.unit.transaction():
            self.unit.db["assessments"].insert({
                "id": ident, "case_number": case_number, "form_id": bundle.id,
                "form_version": bundle.version, "version": 1, "status": "draft",
                "content_hash": content_hash(answers), "created_by": self.unit.user.id,
                "created_at": now, "updated_at": now})
            self.unit.audit("assessment_created", "assessment", ident,
                        new={"form_id": bundle.id, "form_version": bundle.version})
            for name, value in answers.items():
                self.write_answer(ident, name, None, value, now)
        return ident

    def start_assessment(self, bundle: FormBundle, case_number: str) -> str:
        """The case's assessment, created (with the listing details filled in) if need be."""
        case = self.cases.case(case_number)
        if case["assessment_id"]:
            return case["assessment_id"]
        # Which listing field fills which question is the form's (its layout's) to say.
        prefill = {answer: case[field] for field, answer in bundle.prefill().items()
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
            return self.unit.db["assessments"].get(ident)
        except NotFoundError:
            raise StoreError(f"no assessment {ident}") from None

    def assessment_for_case(self, case_number: str) -> dict:
        row = next(self.unit.db["assessments"].rows_where(
            "case_number = ?", [case_number], order_by="created_at DESC", limit=1), None)
        if row is None:
            raise StoreError(f"no assessment for case {case_number}")
        return row

    def answers(self, assessment_id: str) -> dict[str, Any]:
        return {r["name"]: json.loads(r["value"]) for r in self.unit.db["answers"].rows_where(
            "assessment_id = ?", [assessment_id], order_by="rowid")}

    def save_answer(self, bundle: FormBundle, assessment_id: str, name: str, value: Any) -> None:
        """Save one answer (``None`` clears it) with its audit entry, in one transaction.

        When this returns, the answer is on disk (WAL, synchronous=FULL).
        """
        self.unit.require("assessor")
        row = self.assessment(assessment_id)
        check_editable(row["status"])
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
        now = self.unit.now()
        with self.unit.transaction():
            self.write_answer(assessment_id, name, old, value, now)
            self.unit.db["assessments"].update(assessment_id, {
                "content_hash": content_hash(current), "updated_at": now,
                "started_at": row.get("started_at") or now})

    def import_answers(self, bundle: FormBundle, assessment_id: str,
                       answers: Mapping[str, Any]) -> int:
        """Record a checked set of answers as if given in the app; returns how many changed."""
        self.unit.require("assessor")
        check_editable(self.assessment(assessment_id)["status"])
        answers = check_answers(bundle, dict(answers))
        current = self.answers(assessment_id)
        merged = {**current, **answers}
        check_answers(bundle, merged)
        now = self.unit.now()
        changed = 0
        with self.unit.transaction():
            for name, value in answers.items():
                old = current.get(name)
                if old == value and type(old) is type(value):
                    continue
                self.write_answer(assessment_id, name, old, value, now, action="answer_imported")
                changed += 1
            started = {"started_at": self.assessment(assessment_id).get("started_at") or now} \
                if changed else {}
            self.unit.db["assessments"].update(assessment_id, {"content_hash": content_hash(merged),
                                                          "updated_at": now, **started})
        return changed

    def write_answer(self, assessment_id: str, name: str, old: Any, value: Any, now: str,
                      action: str = "answer_saved") -> None:
        if value is None:
            self.unit.db["answers"].delete_where("assessment_id = ? AND name = ?",
                                            [assessment_id, name])
        else:
            self.unit.db["answers"].upsert({"assessment_id": assessment_id, "name": name,
                                       "value": dump(value), "updated_at": now,
                                       "updated_by": self.unit.user.id},
                                      pk=("assessment_id", "name"))
        self.unit.audit(action, "assessment", assessment_id, field=name, old=old, new=value)

    def set_position(self, assessment_id: str, section: str, question: str | None) -> None:
        """Remember where the interview is, so that reopening returns there (not audited)."""
        self.unit.db["assessments"].update(assessment_id, {"resume_section": section,
                                                      "resume_question": question})

    def awaiting_review(self) -> list[dict]:
        """Assessments waiting for a countersignature, oldest first."""
        return list(self.unit.db.query(
            "SELECT a.*, c.family_name, c.given_names FROM assessments a "
            "LEFT JOIN cases c ON c.case_number = a.case_number "
            "WHERE a.status = 'awaiting_review' ORDER BY a.submitted_at"))


def _valid(bundle: FormBundle, name: str, value: Any) -> bool:
    try:
        check_answer(bundle, name, value)
    except ValueError:
        return False
    return True
