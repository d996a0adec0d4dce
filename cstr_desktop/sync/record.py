"""The record sent to central: one countersigned version as ``cstr-record/1``
(docs/trust-model.md, "The record sent to central").

Built from the store's own rows with the laptop's trust functions (its hashes are the
ones the laptop signed; nothing is re-encoded), so central checks exactly what the
laptop's reviewers signed. It reads the database only, so the sync worker can build it
on its own connection, off the window's thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cstr_desktop.errors import SyncError
from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.loader import load_bundle
from cstr_desktop.trust.audit_chain import GENESIS, HASHED_FIELDS
from cstr_desktop.trust.signatures import b64, content_hash, fingerprint

RECORD_TYPE = "cstr-record/1"


@dataclass(frozen=True)
class Renderer:
    """What the core may not do itself, passed in by whoever has the report renderer:
    ``pdf(snapshot) -> bytes`` renders a kept copy."""

    pdf: Callable[[dict], bytes] | None = None


def _meta(db, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _signed_steps(db, assessment_id: str, version: int) -> list[dict]:
    return [{"payload": json.loads(r[0]), "signer": r[1], "signature": r[2], "audit_seq": r[3],
             "action": r[4]}
            for r in db.execute("SELECT payload, signer, signature, audit_seq, action FROM "
                                "steps WHERE assessment_id = ? AND version = ? ORDER BY seq",
                                [assessment_id, version]).fetchall()]


def _audit_slice(db, assessment_id: str, version: int) -> list[dict]:
    """The audit entries about this version: from the amendment that opened it (or the
    start) to the amendment that opened the next one (or now)."""
    def opened(v: int) -> int | None:
        row = db.execute("SELECT min(audit_seq) FROM steps WHERE assessment_id = ? AND "
                         "version = ? AND action = 'amend'", [assessment_id, v]).fetchone()
        return row[0] if row else None

    start = opened(version) or 0 if version > 1 else 0
    end = opened(version + 1)
    where = "entity_id = ? AND seq >= ?" + (" AND seq < ?" if end else "")
    params = [assessment_id, start] + ([end] if end else [])
    keep = (*HASHED_FIELDS, "hash", "signer", "signature")
    return [{k: r[k] for k in keep} for r in db["audit"].rows_where(where, params,
                                                                      order_by="seq")]


def build_record(db, assessment_id: str, version: int,
                 renderer: Renderer | None = None) -> dict[str, Any]:
    """The ``cstr-record/1`` of one countersigned version."""
    kept = next(db["assessment_versions"].rows_where(
        "assessment_id = ? AND version = ?", [assessment_id, version]), None)
    row = next(db["assessments"].rows_where("id = ?", [assessment_id]), None)
    if kept is None or row is None or kept["answers"] is None:
        raise SyncError(f"version {version} of assessment {assessment_id} is not a kept "
                        "countersigned version")
    answers = json.loads(kept["answers"])
    steps = _signed_steps(db, assessment_id, version)
    counters = [s for s in steps if s["action"] == "countersign"]
    if not counters:
        raise SyncError(f"version {version} of assessment {assessment_id} has no signed "
                        "countersignature (countersigned before signatures existed): it "
                        "cannot be sent")
    counter = counters[-1]
    signed_steps = [{k: s[k] for k in ("payload", "signer", "signature")} for s in steps]
    countersignature = {k: counter[k] for k in ("payload", "signer", "signature")}
    snapshots, codes, pdfs = {}, {}, {}
    for r in db["frozen_reports"].rows_where("assessment_id = ? AND version = ?",
                                             [assessment_id, version],
                                             order_by="reader, lang"):
        key = f"{r['reader']}/{r['lang']}"
        snapshot = json.loads(r["snapshot"])
        snapshots[key] = snapshot
        codes[key] = r["verification"]
        if renderer is not None and renderer.pdf is not None:
            pdfs[key] = b64(renderer.pdf(snapshot))
    bundle = load_bundle(row["form_id"], row["form_version"])
    certificates = [{"payload": json.loads(r[0]), "signer": r[1], "signature": r[2]}
                    for r in db.execute("SELECT payload, signer, signature FROM certificates "
                                        "ORDER BY seq").fetchall()]
    count = _meta(db, "audit_count")
    return {
        "type": RECORD_TYPE, "store_id": _meta(db, "store_id"),
        "root_fingerprint": fingerprint(_meta(db, "root_public_key")).replace(" ", ""),
        "assessment_id": assessment_id, "version": version,
        "case_number": row["case_number"] or answers.get("case_number") or "",
        "form_id": row["form_id"], "form_version": row["form_version"],
        "content_hash": content_hash(answers), "answers": answers,
        "result": InterviewState(bundle, answers).result(),
        "snapshots": snapshots, "pdfs": pdfs, "verification_codes": codes,
        "steps": signed_steps, "countersignature": countersignature,
        "certificates": certificates, "audit": _audit_slice(db, assessment_id, version),
        "audit_head": _meta(db, "audit_head") or GENESIS,
        "audit_count": int(count) if count and count.isdigit() else 0,
    }
