"""The report of an assessment in the store, and the final copies kept once it is approved.

A draft's snapshot is built afresh each time. An approved version's copy for each
reader is kept in the store the first time it is made (at countersignature), and
every later print uses the kept one: the same content and the same verification
code, even after the app or the form files change.
"""

from __future__ import annotations

from typing import Any

from cstr_desktop.errors import RecordAltered
from cstr_desktop.forms.conditions import holds
from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.loader import load_bundle
from cstr_desktop.forms.readers import copy_kind, reader

from .snapshot import CopyRefused, ReportContext, build_snapshot, verification_code

LANGS = ("en", "cy", "both")
# The kept report of a form without readers' copies: one report for everyone.
ALL_READERS = "all"


def context_for(store: Any, row: dict) -> ReportContext:
    """The report context of a stored assessment: its status, who wrote and who signed it
    (as their profiles say), and the laptop's protective marking.

    An approved version's countersignature is checked first: one that does not verify
    (an approval written into the database without the reviewer's key) is never
    printed as final. The countersigner is the one who signed, not a column.
    """
    people = {a.id: a for a in store.accounts(include_removed=True)}
    author = people.get(row["created_by"])
    signed = None
    if row["status"] == "approved":
        problem = store.countersignature_problem(row["id"], row["version"])
        if problem:
            raise RecordAltered(f"this assessment is marked approved but {problem}: it is not "
                                "printed as countersigned (run 'cstr-desktop audit-verify')")
        signed = store.countersignature(row["id"], row["version"])
    signer = people.get(signed["signer"]) if signed else None
    return ReportContext(
        assessment_id=row["id"], version=row["version"], status=row["status"],
        assessor=author.display_name if author else None,
        assessor_role=author.profession if author else None,
        assessor_registration=author.registration if author else None,
        assessor_supervisor=author.supervisor if author else None,
        countersigned_by=signer.display_name if signer else None,
        countersigner_role=signer.profession if signer else None,
        countersigned_at=signed["payload"]["at"] if signed else None,
        amendment_reason=row["amendment_reason"], marking=store.marking(),
        countersignature=signed["signature"] if signed else None,
        audit_entries=signed["audit_entries"] if signed else None,
        audit_head=signed["audit_head"] if signed else None)


def default_lang(answers: dict, bundle: Any = None) -> str:
    """Bilingual for a person who chose Welsh (the layout's ``bilingual_when``); English
    otherwise."""
    layout = bundle.layout if bundle is not None else load_bundle().layout
    when = layout.bilingual_when if layout is not None else None
    return "both" if when is not None and holds(when, answers) else "en"


def reader_key(bundle: Any, who: str | None) -> str:
    """Where a copy is kept: the reader's id, or "all" for a form without readers."""
    if not bundle.reader_ids():
        return ALL_READERS
    return who or bundle.reader_ids()[0]


def stored_report(store: Any, row: dict, lang: str | None, now: str,
                  who: str | None = None) -> dict:
    """The snapshot to print for a stored assessment (``row``) in ``lang`` (default: as
    the person chose) for a reader (default: the court). Raises CopyRefused for a copy
    its consent does not allow."""
    answers = store.answers(row["id"])
    bundle = load_bundle(row["form_id"], row["form_version"])
    lang = lang or default_lang(answers, bundle)
    key = reader_key(bundle, who)
    if row["status"] == "approved":
        kept = store.frozen_report(row["id"], row["version"], lang, key)
        if kept is not None:
            context_for(store, row)  # the countersignature still verifies
            return {**kept, "generated_at": now}
    snapshot = build_snapshot(bundle, answers, context_for(store, row), lang, now,
                              key if key != ALL_READERS else None)
    if snapshot["assessment"]["approved"]:
        store.freeze_report(row["id"], row["version"], lang, snapshot,
                            verification_code(snapshot), key)
    return snapshot


def allowed_readers(bundle: Any, answers: dict) -> list[str]:
    """The readers whose copy may be made (a notice counts): the court always, the others
    only with the person's agreement. A form without readers: its one report."""
    if not bundle.reader_ids():
        return [ALL_READERS]
    state = InterviewState(bundle, answers)
    return [r for r in bundle.reader_ids() if copy_kind(state, reader(state, r)) != "refused"]


def freeze_final_reports(store: Any, row: dict, now: str) -> dict[str, str]:
    """Keep the approved copy for every reader allowed, in every language; returns each
    one's verification code, keyed "reader/lang"."""
    bundle = load_bundle(row["form_id"], row["form_version"])
    codes = {}
    for who in allowed_readers(bundle, store.answers(row["id"])):
        for lang in LANGS:
            try:
                snapshot = stored_report(store, row, lang, now,
                                         None if who == ALL_READERS else who)
            except CopyRefused:
                continue
            codes[f"{who}/{lang}"] = verification_code(snapshot)
    return codes
