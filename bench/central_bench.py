"""Central records: how fast, on SQLite and on PostgreSQL. Prints a table.

- sync: 1,000 countersigned records sent by one laptop in batches of 50 (records/s);
- 20 laptops sending at once: 25 records each in batches of 5, bounded (records/s and
  the 95th percentile of a request);
- the records page with 100,000 records: 200 page loads (first page, searches by name,
  court, case number, date, status, and a deep page), p50/p95 (target: p95 < 200 ms).

Every request goes to ``cstr-central serve`` (2 uvicorn workers) over TLS on loopback.
The test records carry three small real PDFs each (about 2 KB each; a real court report
is larger, so real bodies are bigger; verification time does not depend on it).

    .venv/bin/python bench/central_bench.py [--only sqlite|postgresql] [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "central"))

import httpx  # noqa: E402
from central_factory import LaptopStore, make_record  # noqa: E402
from central_fixtures import (  # noqa: E402
    CentralServer,
    Tls,
    add_device_code,
    ca_context,
    start_cluster,
    stop_cluster,
)
from central_laptop import Laptop  # noqa: E402
from central_seed import PASSWORDS, add_users  # noqa: E402
from measure import print_table  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from central.canonical import search_terms, stamp  # noqa: E402
from central.models import Court, Record, SearchTerm  # noqa: E402

WORKERS = os.environ.get("CENTRAL_BENCH_WORKERS", "2")


def make_tls(folder: Path) -> Tls:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    cert.private_key_pem.write_to_path(str(folder / "key.pem"))
    (folder / "cert.pem").write_bytes(b"".join(b.bytes() for b in cert.cert_chain_pems))
    return Tls(folder, str(folder / "ca.pem"), str(folder / "cert.pem"),
               str(folder / "key.pem"), "", "", "")


class Server(CentralServer):
    def start(self, timeout: float = 60) -> CentralServer:
        import subprocess

        log = open(self.data_dir / "server.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "central", "serve", "--data-dir", str(self.data_dir),
             "--host", "127.0.0.1", "--port", str(self.port), "--workers", WORKERS,
             "--tls-cert", self.tls.cert_file, "--tls-key", self.tls.key_file],
            env=self.env(), stdout=log, stderr=log, cwd=ROOT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base_url}/api/v1/health",
                             verify=ca_context(self.tls.ca_file), timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("central did not start:\n" + self.log())


def laptop_for(server: Server, tls: Tls) -> Laptop:
    laptop = Laptop(server.base_url, tls.ca_file, LaptopStore(), timeout=120)
    response = laptop.enrol(add_device_code(server))
    assert response.status_code == 201, response.text
    return laptop


def bench_sync(server: Server, tls: Tls, count: int) -> str:
    laptop = laptop_for(server, tls)
    records = [make_record(laptop.store, n=n) for n in range(count)]
    started = time.perf_counter()
    for i in range(0, count, 50):
        results = laptop.send_batch(records[i:i + 50]).json()["results"]
        assert all(r["status"] == "accepted" for r in results), results[0]
    took = time.perf_counter() - started
    laptop.close()
    return f"{count / took:,.0f} records/s ({took:.1f} s for {count:,})"


def bench_concurrent(server: Server, tls: Tls, laptops: int, each: int) -> str:
    clients = [laptop_for(server, tls) for _ in range(laptops)]
    work = {c: [make_record(c.store, n=n) for n in range(each)] for c in clients}
    latencies: list[float] = []

    def run(client: Laptop) -> int:
        done = 0
        for i in range(0, each, 5):
            t0 = time.perf_counter()
            results = client.send_batch(work[client][i:i + 5]).json()["results"]
            latencies.append(time.perf_counter() - t0)
            done += sum(r["status"] == "accepted" for r in results)
        return done

    started = time.perf_counter()
    with ThreadPoolExecutor(laptops) as pool:
        accepted = sum(pool.map(run, clients, timeout=600))
    took = time.perf_counter() - started
    for client in clients:
        client.close()
    assert accepted == laptops * each, accepted
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    return (f"{accepted / took:,.0f} records/s; p95 {p95:,.0f} ms a batch of 5 "
            f"({laptops} laptops x {each})")


def fill(server: Server, total: int) -> float:
    """``total`` accepted versions straight into the tables the records page reads."""
    families = ["Pritchard", "Okafor", "Hughes", "Kowalski", "Ahmed", "Jones", "Evans",
                "Williams", "Davies", "Thomas", "Roberts", "Lewis", "Morgan", "Griffiths"]
    given = ["Elin", "Daniel", "Siân", "Tomasz", "Yasmin", "Rhys", "Megan", "Owain"]
    courts = ["Cardiff Crown Court", "Swansea Magistrates' Court", "Mold Crown Court",
              "Newport Magistrates' Court", "Cardiff Magistrates' Court"]
    rng = random.Random(12)
    db = server.db()
    started = time.perf_counter()
    base = datetime.now(UTC) - timedelta(seconds=total)
    rows, terms = [], []
    for n in range(total):
        family, first, court = rng.choice(families), rng.choice(given), rng.choice(courts)
        row_id = str(uuid.uuid4())
        at = stamp(base + timedelta(seconds=n))
        rows.append({
            "id": row_id, "assessment_id": str(uuid.uuid4()), "version": 1, "copy_no": 0,
            "content_hash": f"{n:064x}", "status": "accepted", "conflict": False,
            "via": "api", "case_number": f"CR-2025-{n:06d}", "case_search": f"CR2025{n:06d}",
            "family_name": family, "given_names": first, "court_name": court,
            "hearing_date": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "form_id": "cstr_court_day", "form_version": 2,
            "received_at": at, "central_version": 1,
            "receipt_id": str(uuid.uuid4())})
        terms += [{"kind": "name", "term": t, "received_at": at, "record_id": row_id}
                  for t in search_terms(f"{family} {first}")]
        if len(rows) == 5000 or n == total - 1:
            with db.write() as session:
                session.execute(insert(Record), rows)
                session.execute(insert(SearchTerm), terms)
            rows, terms = [], []
    with db.write() as session:
        session.execute(insert(Court), [{"court_search": " ".join(search_terms(c)),
                                         "court_name": c} for c in courts])
    # What the database's own maintenance (autovacuum; SQLite's ANALYZE) would have done
    # by the time 100,000 records had arrived over months: fresh statistics.
    with db.engine.connect() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE")
    db.dispose()
    return time.perf_counter() - started


def bench_page(server: Server, tls: Tls, total: int, loads: int) -> tuple[str, float]:
    fill_time = fill(server, total)
    add_users(server)
    client = httpx.Client(base_url=server.base_url, verify=ca_context(tls.ca_file),
                          timeout=60, follow_redirects=False)
    form = client.get("/signin")
    token = form.cookies.get("cstr_central_signin")
    signed = client.post("/signin", data={"username": "olwen", "password": PASSWORDS["olwen"],
                                          "csrf": token, "next": "/records"})
    assert signed.status_code == 303 and signed.headers["location"] == "/records"
    queries = ["/records", "/records?name=hughes", "/records?name=sian&court=mold",
               "/records?case=CR-2025-0420", "/records?date=2025-03-15",
               "/records?status=quarantined", "/records?page=1000",
               "/records?court=magistrates&page=20", "/records?name=nobody"]
    timings = []
    per_query: dict[str, list[float]] = {}
    for i in range(loads):
        query = queries[i % len(queries)]
        t0 = time.perf_counter()
        response = client.get(query)
        timings.append(time.perf_counter() - t0)
        per_query.setdefault(query, []).append(timings[-1])
        assert response.status_code == 200, response.text[:300]
    for query, times in per_query.items():
        print(f"    {query:<40} median {statistics.median(times) * 1000:5.0f} ms, "
              f"worst {max(times) * 1000:5.0f} ms", flush=True)
    first = client.get("/records").text
    assert f"{total:,} records" in first, first[:500]
    client.close()
    cuts = statistics.quantiles(timings, n=20)
    p95 = cuts[-1] * 1000
    return (f"p50 {statistics.median(timings) * 1000:,.0f} ms, p95 {p95:,.0f} ms "
            f"({loads} loads; {total:,} rows filled in {fill_time:.0f} s)"), p95


def run_backend(backend: str, work: Path, tls: Tls, quick: bool,
                parts: set[str]) -> list[tuple[str, str, str]]:
    rows = []
    cluster = None
    try:
        env = None
        if backend == "postgresql":
            cluster = start_cluster()
            env = cluster.new_database()
        for label, task in (
                ("sync 1,000 records", lambda s: bench_sync(s, tls, 200 if quick else 1000)),
                ("20 laptops at once", lambda s: bench_concurrent(s, tls, 20, 5 if quick else 25)),
        ):
            if label.split()[0] not in parts:
                continue
            folder = work / f"{backend}-{label.split()[0]}"
            folder.mkdir()
            if cluster and label.startswith("20"):
                env = cluster.new_database()
            server = Server(folder, tls, env).start()
            try:
                rows.append((label, backend, task(server)))
                print(f"  {label} ({backend}): {rows[-1][2]}", flush=True)
            finally:
                server.stop()
        if "page" not in parts:
            return rows
        folder = work / f"{backend}-page"
        folder.mkdir()
        if cluster:
            env = cluster.new_database()
        server = Server(folder, tls, env).start()
        try:
            text, p95 = bench_page(server, tls, 10_000 if quick else 100_000, 200)
            mark = "ok" if p95 < 200 else "OVER TARGET"
            rows.append(("records page, 100,000 records", backend, f"{text} [{mark}]"))
            print(f"  records page ({backend}): {rows[-1][2]}", flush=True)
        finally:
            server.stop()
    finally:
        if cluster:
            stop_cluster(cluster)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--quick", action="store_true", help="smaller numbers, for a try")
    parser.add_argument("--part", choices=("sync", "20", "page"), action="append",
                        help="only these measures (sync, 20 = laptops at once, page)")
    args = parser.parse_args()
    # Stopped (SIGTERM): still stop the servers and the PostgreSQL cluster it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="cstr-central-bench-"))
    tls = make_tls(work)
    rows = []
    for backend in ("sqlite", "postgresql"):
        if args.only in (None, backend):
            rows += run_backend(backend, work, tls, args.quick,
                                set(args.part or ("sync", "20", "page")))
    print()
    print_table(rows, "database")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
