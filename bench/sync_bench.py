"""Sync to central records, the laptop's side (issue 12). Prints a table.

- sync 1,000 approved assessments from one laptop's store (records/s), to central on
  SQLite and on PostgreSQL (started by the central bench's helper);
- 20 laptops syncing at once on loopback (each its own store and device; bounded: every
  run has its timeouts and the pool a deadline, so it stops by itself);
- the laptop's purge of 1,000 received versions (secure delete, VACUUM, the backups made
  before it replaced).

The assessments are real ones: answers imported, submitted by an assessor, countersigned
by a reviewer, the final copies kept (6 reader copies each). A record carries a PDF per
copy: rendering them is timed on 10 records with the real renderer; for the 1,000 each
PDF is a real court report rendered once and reused (same size on the wire), so the sync
figure is the sending, not the rendering.

    .venv/bin/python bench/sync_bench.py [--records N] [--laptops N] [--each N]
                                         [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "central"),
                str(ROOT / "bench")]

from central_bench import Server, make_tls  # noqa: E402
from central_fixtures import add_device_code, start_cluster, stop_cluster  # noqa: E402
from measure import print_table  # noqa: E402
from support.sync_stores import admin, approve, make_laptop, renderer  # noqa: E402

from cstr_desktop.sync import enrolment, outbox, purge  # noqa: E402
from cstr_desktop.sync.record import Renderer, build_record  # noqa: E402
from cstr_desktop.sync.sender import SyncReport, prepare, sync_once  # noqa: E402


def reused_pdf_renderer() -> Renderer:
    real = renderer().pdf
    cache: dict[str, bytes] = {}

    def pdf(snapshot: dict) -> bytes:
        key = str(snapshot.get("langs")) + str((snapshot.get("reader") or {}).get("id"))
        if key not in cache:
            cache[key] = real(snapshot)
        return cache[key]

    return Renderer(pdf=pdf)


def make_store(folder: Path, count: int, start: int = 0) -> float:
    make_laptop(folder)
    started = time.perf_counter()
    for first in range(start, start + count, 50):
        approve(folder, range(first, min(first + 50, start + count)))
    return time.perf_counter() - started


def enrol_fresh(folder: Path, server: Server) -> None:
    """Enrol with this central, every version queued again (a new central holds none)."""
    with admin(folder) as store:
        enrolment.enrol(store, server.base_url, add_device_code(server), server.tls.ca_file)
        store.db.execute("UPDATE outbox SET state = 'queued', receipt = NULL, "
                         "receipt_id = NULL, received_at = NULL")


def sync_store(folder: Path) -> SyncReport:
    with admin(folder) as store:
        found = enrolment.require(store.db)
        return sync_once(store.db, found, found.device_key(store._key(), store.store_id))


def bench_sync(folder: Path, server: Server, count: int) -> str:
    enrol_fresh(folder, server)
    started = time.perf_counter()
    report = sync_store(folder)
    took = time.perf_counter() - started
    assert report.received == count and report.error is None, (report.received, report.error)
    return f"{count / took:,.0f} records/s ({took:.1f} s for {count:,})"


def bench_laptops(folders: list[Path], server: Server, each: int) -> str:
    for folder in folders:
        enrol_fresh(folder, server)
    started = time.perf_counter()
    with ThreadPoolExecutor(len(folders)) as pool:
        reports = list(pool.map(sync_store, folders, timeout=600))
    took = time.perf_counter() - started
    received = sum(r.received for r in reports)
    assert received == len(folders) * each, [r.error for r in reports]
    return (f"{received / took:,.0f} records/s; {took:.1f} s until all {len(folders)} were "
            f"done ({len(folders)} laptops x {each})")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--laptops", type=int, default=20)
    parser.add_argument("--each", type=int, default=10)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="cstr-sync-bench-"))
    rows: list[tuple[str, str, str]] = []
    try:
        tls = make_tls(work)
        big = work / "laptop"
        took = make_store(big, args.records)
        rows.append(("approve (make the store)", "-",
                     f"{args.records / took:,.1f} assessments/s ({took:.0f} s)"))
        print(f"  made {args.records} approved assessments in {took:.0f} s", flush=True)
        with admin(big) as store:
            ids = [r["assessment_id"] for r in outbox.rows(store.db)]
            real = renderer()
            started = time.perf_counter()
            for ident in ids[:10]:
                record = build_record(store.db, ident, 1, real)
            per = (time.perf_counter() - started) / 10
            rows.append(("build a record, 6 real PDFs", "-",
                         f"{per:.2f} s a record ({len(record['pdfs'])} PDFs, "
                         f"{len(str(record)) // 1024} KiB)"))
            started = time.perf_counter()
            prepare(store.db, outbox.rows(store.db), reused_pdf_renderer(), SyncReport())
            rows.append(("build 1,000 records, PDFs reused", "-",
                         f"{args.records / (time.perf_counter() - started):,.0f} records/s"))
        small = [work / f"laptop-{n:02d}" for n in range(args.laptops)]
        for n, folder in enumerate(small):
            make_store(folder, args.each, start=10_000 + n * args.each)
            with admin(folder) as store:
                prepare(store.db, outbox.rows(store.db), reused_pdf_renderer(), SyncReport())
        print(f"  made {args.laptops} laptops", flush=True)
        for backend in ("sqlite", "postgresql"):
            if args.only not in (None, backend):
                continue
            cluster = start_cluster() if backend == "postgresql" else None
            try:
                for label, task in (
                        (f"sync {args.records:,} approved", lambda s: bench_sync(
                            big, s, args.records)),
                        (f"{args.laptops} laptops at once", lambda s: bench_laptops(
                            small, s, args.each))):
                    folder = work / f"{backend}-{label.split()[0]}"
                    folder.mkdir()
                    env = cluster.new_database() if cluster else None
                    server = Server(folder, tls, env).start()
                    try:
                        rows.append((label, backend, task(server)))
                        print(f"  {label} ({backend}): {rows[-1][2]}", flush=True)
                    finally:
                        server.stop()
            finally:
                if cluster:
                    stop_cluster(cluster)
        size = (big / "store.db").stat().st_size
        with admin(big) as store:
            started = time.perf_counter()
            items = purge.purge(store, grace=0, now=datetime.now(UTC))
            took = time.perf_counter() - started
        after = (big / "store.db").stat().st_size
        rows.append((f"purge {len(items):,} versions", "-",
                     f"{len(items) / took:,.0f} versions/s ({took:.1f} s, VACUUM and backup "
                     f"included; store {size // 2**20} MiB -> {after // 2**20} MiB)"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print_table(rows, "central")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
