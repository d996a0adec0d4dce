"""Records out (``records --json``, ``export``) and bundles in (``import-bundle``)."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from central.audit import Actor, record_event
from central.bundle import BundleError, check_signed, open_sealed, receipts_file
from central.db import Database
from central.ingest import receive
from central.keys import CentralKeys
from central.models import Device, Record, RecordBody


class BundleImportError(Exception):
    pass


def _row(record: Record) -> dict[str, Any]:
    """One version for ``records --json`` (contract.md section 5, and more)."""
    return {"uuid": record.assessment_id, "version": record.version,
            "content_hash": record.content_hash, "case_number": record.case_number,
            "received_at": record.received_at, "status": record.status,
            "central_version": record.central_version, "conflict": record.conflict,
            "resolution": record.resolution, "reason": record.reason,
            "receipt_id": record.receipt_id, "family_name": record.family_name,
            "given_names": record.given_names, "court_name": record.court_name,
            "hearing_date": record.hearing_date, "countersigned_at": record.countersigned_at,
            "via": record.via}


def record_rows(db: Database) -> list[dict[str, Any]]:
    with db.write() as session:
        rows = [_row(r) for r in session.scalars(
            select(Record).order_by(Record.received_at, Record.id))]
        record_event(session, Actor.command_line(), "records_list",
                     detail={"count": len(rows)})
    return rows


def export_lines(db: Database, out: IO[str], include_quarantined: bool = False,
                 chunk: int = 200) -> int:
    """Each version as one JSON line: its columns and the record as received, without
    the PDFs (downstream systems get the data; the PDFs stay here)."""
    query = select(Record, RecordBody.body).join(RecordBody, RecordBody.record_id == Record.id)
    if not include_quarantined:
        query = query.where(Record.status == "accepted")
    written = 0
    with db.read() as session:
        for row, body in session.execute(query.order_by(Record.received_at, Record.id)
                                          .execution_options(yield_per=chunk)):
            record = json.loads(body)
            record.pop("pdfs", None)
            line = {**_row(row), "schema": "cstr-central-export/1",
                    "receipt": json.loads(row.receipt) if row.receipt else None,
                    "record": record}
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            written += 1
    with db.write() as session:
        record_event(session, Actor.command_line(), "export",
                     detail={"count": written, "quarantined_too": include_quarantined})
    return written


def import_bundle(db: Database, keys: CentralKeys, data: bytes, receipts_path: Path) -> Counter:
    """Open, check and take a bundle with the same exactly-once rules as the API;
    write the signed receipts file the laptop imports. Returns the count per status."""
    try:
        signed, payload = open_sealed(keys, data)
    except BundleError as exc:
        raise BundleImportError(str(exc)) from exc
    with db.read() as session:
        device = session.get(Device, str(payload.get("device_id")))
    if device is None or device.public_key is None:
        raise BundleImportError("the bundle comes from a device that is not enrolled here")
    if device.status == "revoked":
        raise BundleImportError(f"the bundle comes from device '{device.name}', which is "
                                "revoked: it is refused")
    try:
        contents = check_signed(signed, payload, device.public_key)
    except BundleError as exc:
        raise BundleImportError(str(exc)) from exc
    results = [receive(db, keys, record, device, via="bundle").as_json()
               for record in contents.records]
    data_out = receipts_file(keys, contents, results)
    tmp = receipts_path.with_name(receipts_path.name + ".tmp")
    tmp.write_bytes(data_out)
    os.replace(tmp, receipts_path)
    with db.write() as session:
        record_event(session, Actor.command_line(), "bundle_import",
                     subject=f"device {device.name}",
                     detail={"bundle_id": contents.bundle_id, "records": len(results)})
    return Counter(r["status"] for r in results)
