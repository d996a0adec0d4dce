"""One sync run on a connection of its own, for the window's background job: the
window's thread keeps its connection for the person's work, and this one only reads
the store and writes the outbox, in short transactions (WAL lets both go on)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cstr_desktop.sync import enrolment, outbox
from cstr_desktop.sync.record import Renderer
from cstr_desktop.sync.sender import SyncReport, sync_once


@dataclass(frozen=True)
class SyncJob:
    """What a run needs, taken on the window's thread from the signed-in store."""

    folder: Path
    db_key: bytes
    enrolment: enrolment.Enrolment
    device_key: object
    renderer: Renderer | None = None


def job_for(store, renderer: Renderer | None = None) -> SyncJob | None:
    """The run for this store, or None when the laptop is not enrolled."""
    found = enrolment.load(store.db)
    if found is None:
        return None
    return SyncJob(store.folder, store._key(), found,
                   found.device_key(store._key(), store.store_id), renderer)


def run(job: SyncJob) -> tuple[SyncReport, outbox.Counts]:
    from cstr_desktop.store.database import connect as _connect

    db = _connect(job.folder, job.db_key)
    try:
        report = sync_once(db, job.enrolment, job.device_key, job.renderer)
        return report, outbox.counts(db)
    finally:
        db.conn.close()
