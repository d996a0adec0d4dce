"""The report of an assessment in the store, and the final one kept once it is approved.

A draft's snapshot is built afresh each time. An approved version's snapshot is
kept in the store the first time it is made (at countersignature), and every
later print uses the kept one: the same content and the same verification code,
even after the app or the form files change.
"""

from __future__ import annotations

from typing import Any

from cstr_desktop.form_loader import load_bundle
from cstr_desktop.store_errors import RecordAltered

from .snapshot import ReportContext, build_snapshot, verification_code

LANGS = ("en", "cy", "both")


def context_for(store: Any, row: dict) -> ReportContext:
    """The report context of a stored assessment: its status and who wrote and signed it.

    An approved version's countersignature is checked first: one that does not verify
    (an approval written into the database without the reviewer's key) is never
    printed as final.
    """
    names = {a.id: a.username for a in store.accounts(include_removed=True)}
    signed = None
    if row["status"] == "approved":
        problem = store.countersignature_problem(row["id"], row["version"])
        if problem:
            raise RecordAltered(f"this assessment is marked approved but {problem}: it is not "
                                "printed as countersigned (run 'cstr-desktop audit-verify')")
        signed = store.countersignature(row["id"], row["version"])
    return ReportContext(
        assessment_id=row["id"], version=row["version"], status=row["status"],
        assessor=names.get(row["created_by"]),
        countersigned_by=names.get(signed["signer"]) if signed else None,
        countersigned_at=signed["payload"]["at"] if signed else None,
        amendment_reason=row["amendment_reason"],
        countersignature=signed["signature"] if signed else None,
        audit_entries=signed["audit_entries"] if signed else None,
        audit_head=signed["audit_head"] if signed else None)


def default_lang(answers: dict) -> str:
    """Bilingual for a person who chose Welsh; English otherwise."""
    return "both" if answers.get("language_preference") == "cy" else "en"


def stored_report(store: Any, row: dict, lang: str | None, now: str) -> dict:
    """The snapshot to print for a stored assessment (``row``) in ``lang`` (default: as
    the person chose)."""
    answers = store.answers(row["id"])
    lang = lang or default_lang(answers)
    if row["status"] == "approved":
        kept = store.frozen_report(row["id"], row["version"], lang)
        if kept is not None:
            context_for(store, row)  # the countersignature still verifies
            return {**kept, "generated_at": now}
    bundle = load_bundle(row["form_id"], row["form_version"])
    snapshot = build_snapshot(bundle, answers, context_for(store, row), lang, now)
    if snapshot["assessment"]["approved"]:
        store.freeze_report(row["id"], row["version"], lang, snapshot,
                            verification_code(snapshot))
    return snapshot


def freeze_final_reports(store: Any, row: dict, now: str) -> dict[str, str]:
    """Keep the approved report in every language; returns each one's verification code."""
    return {lang: verification_code(stored_report(store, row, lang, now)) for lang in LANGS}
