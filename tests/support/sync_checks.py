"""What must hold after every sync fault: every approved version is at central exactly
once, nothing is lost on the laptop, nothing is purged without a valid receipt."""

from __future__ import annotations

import json
from collections import Counter
from functools import partial

from central_fixtures import run_cli

from cstr_desktop.sync import enrolment, outbox
from cstr_desktop.sync.client import CentralClient
from cstr_desktop.sync.receipts import row_receipt_problem
from cstr_desktop.sync.sender import sync_once
from support.sync_stores import admin


def central_records(server) -> list[dict]:
    proc = run_cli(server, "records", "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def sync_here(folder, timeout: float = 30.0, renderer=None):
    """One sync run in this process, as the app's worker runs it."""
    with admin(folder) as store:
        found = enrolment.require(store.db)
        key = found.device_key(store._key(), store.store_id)
        return sync_once(store.db, found, key, renderer,
                         client_factory=partial(CentralClient, timeout=timeout))


def laptop_state(folder) -> tuple[set[tuple[str, int]], list[dict]]:
    with admin(folder) as store:
        approved = {(r[0], r[1]) for r in store.db.execute(
            "SELECT assessment_id, version FROM assessment_versions").fetchall()}
        rows = list(store.db["outbox"].rows_where(order_by="id"))
        signing = enrolment.require(store.db).signing_key
    for row in rows:
        row["receipt_problem"] = row_receipt_problem(
            row, json.loads(row["receipt"]) if row["receipt"] else None, signing)
    return approved, rows


def check_invariants(server, folder, all_sent: bool = True) -> list[dict]:
    approved, rows = laptop_state(folder)
    queued = Counter((r["assessment_id"], r["version"]) for r in rows if r["kind"] == "record")
    # Nothing lost: every approved version is in the outbox, once.
    assert set(queued) == approved and set(queued.values()) == {1}
    # Nothing purged or counted received without a receipt the pinned key verifies.
    for row in rows:
        if row["state"] in (outbox.RECEIVED, outbox.PURGED):
            assert row["receipt_problem"] is None, row
    held = Counter((r["uuid"], r["version"]) for r in central_records(server))
    assert all(n == 1 for n in held.values()), held
    if all_sent:
        assert set(held) == approved
        assert {r["state"] for r in rows} <= {outbox.RECEIVED, outbox.PURGED}
    return rows
