"""Outcomes and the steering group at scale: 100,000 assessments at central, on SQLite and
on PostgreSQL. Prints a table.

- a month's figures (every KPI for the month, overall), and the whole of what the
  dashboard and the report show for a month (the month, the twelve months to it, the
  twelve-month trend, three breakdowns, the courts side by side): target under 1 s;
- the dashboard page over TLS from ``cstr-central serve``, signed in: target under 500 ms;
- the steering report PDF (English; both languages) in process, and the whole
  ``cstr-central steering-report`` command: target under 3 s.

The 100,000 assessments span 36 months at five courts; each has its record row and its
facts worked out by central/facts.py from generated answers, outcomes and follow-ups
(written straight to the tables: sending them all through the API would take an hour).

    .venv/bin/python bench/outcomes_bench.py [--only sqlite|postgresql] [--count N]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "central"))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from central_bench import Server, make_tls  # noqa: E402
from central_fixtures import ca_context, start_cluster, stop_cluster  # noqa: E402
from central_seed import PASSWORDS, add_users  # noqa: E402
from measure import print_table  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from central import dashboard_data, kpis, monthly, steering  # noqa: E402
from central.canonical import search_terms, stamp  # noqa: E402
from central.facts import Inputs, compute  # noqa: E402
from central.models import CaseFacts, Court, Record  # noqa: E402
from central.outcome_fields import parse_outcome  # noqa: E402
from central.periods import Period  # noqa: E402
from central.working_days import calendar  # noqa: E402

COURTS = ("Cardiff Crown Court", "Swansea Magistrates' Court", "Mold Crown Court",
          "Newport Magistrates' Court", "Cardiff Magistrates' Court")
COMBOS = ((("mhtr",), 55), (("atr",), 14), (("drr",), 12), (("mhtr", "atr"), 10),
          (("mhtr", "drr"), 6), (("drr", "atr"), 3))
MONTH = Period.parse("2026-11")


def _facts(rng: random.Random, n: int, hearing: date, court: str) -> tuple[dict, dict]:
    combo = rng.choices([c for c, _w in COMBOS], [w for _c, w in COMBOS])[0]
    answers = {"person_dob": f"{rng.randint(1960, 2005)}-{rng.randint(1, 12):02d}-01",
               "referral_source": "liaison_diversion",
               **{f"recommendation_{c}": "suitable" for c in combo}}
    if rng.random() < 0.3:
        answers["sentence_indicated"] = "custody"
    outcomes = []
    roll = rng.random()
    sentenced = hearing if roll < 0.8 else hearing + timedelta(days=14) if roll < 0.92 \
        else None
    if sentenced != hearing and roll < 0.97:
        outcomes.append(parse_outcome({"outcome_result": "adjourned",
                                       "outcome_date": hearing.isoformat(),
                                       "outcome_adjournment_reason": "report_not_ready"}))
    if sentenced:
        outcomes.append(parse_outcome({
            "outcome_result": "sentenced", "outcome_date": sentenced.isoformat(),
            "outcome_sentence": rng.choice(("community_order", "community_order",
                                            "suspended_sentence_order", "custody")),
            "outcome_requirements": list(combo)}))
    treatments = {c: {"first_date": calendar().add(sentenced or hearing, rng.randint(1, 8))[0]
                      .isoformat(), "first_attended": rng.choice(("yes", "yes", "no"))}
                  for c in combo}
    ends = (sentenced or hearing) + timedelta(days=rng.randint(150, 280))
    order = {"warnings": 1 if rng.random() < 0.07 else None,
             "end_status": "completed" if rng.random() < 0.8 else "revoked",
             "end_date": ends.isoformat(), "phq9_end": rng.randint(0, 15)}
    inputs = Inputs(assessment_id=str(uuid.uuid4()), record_id=str(uuid.uuid4()),
                    answers=answers, result={"scores": {"phq9": {"total": rng.randint(5, 24)}}},
                    court_name=court, hearing_date=hearing.isoformat(),
                    family_name=f"Family{n % 20000}", given_names="Given",
                    outcomes=outcomes, order=order, treatments=treatments)
    return inputs.__dict__, compute(inputs)


def fill(server: Server, total: int) -> float:
    rng = random.Random(29)
    db = server.db()
    started = time.perf_counter()
    first = Period.parse("2023-12").start
    days = (MONTH.end - first).days
    received = datetime.now(UTC) - timedelta(seconds=total)
    records, facts = [], []
    defaults = {c.name: (0 if not c.nullable and str(c.type) == "INTEGER" else None)
                for c in CaseFacts.__table__.columns}
    for n in range(total):
        hearing = first + timedelta(days=rng.randrange(days))
        court = rng.choice(COURTS)
        inputs, row = _facts(rng, n, hearing, court)
        records.append({
            "id": inputs["record_id"], "assessment_id": inputs["assessment_id"], "version": 1,
            "copy_no": 0, "content_hash": f"{n:064x}", "status": "accepted",
            "conflict": False, "via": "api", "case_number": f"CR-{n:07d}",
            "case_search": f"CR{n:07d}", "family_name": inputs["family_name"],
            "given_names": "Given", "court_name": court, "hearing_date": hearing.isoformat(),
            "received_at": stamp(received + timedelta(seconds=n)), "central_version": 1,
            "receipt_id": str(uuid.uuid4())})
        facts.append({**defaults, **row})
        if len(records) == 5000 or n == total - 1:
            with db.write() as session:
                session.execute(insert(Record), records)
                session.execute(insert(CaseFacts), facts)
            records, facts = [], []
    with db.write() as session:
        session.execute(insert(Court), [{"court_search": " ".join(search_terms(c)),
                                         "court_name": c} for c in COURTS])
        monthly.rebuild(session)  # what each change would have kept up to date
    with db.engine.connect() as conn:  # what the databases' own upkeep would have done
        if db.is_sqlite:
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE")
    db.dispose()
    return time.perf_counter() - started


def timed(task, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        task()
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1000, times[max(0, int(len(times) * 0.95) - 1)] * 1000


def verdict(ms: float, budget: float) -> str:
    return "ok" if ms < budget else "OVER TARGET"


def run_backend(backend: str, work: Path, tls, total: int) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    cluster = None
    try:
        env = None
        if backend == "postgresql":
            cluster = start_cluster()
            env = cluster.new_database()
        folder = work / backend
        folder.mkdir()
        server = Server(folder, tls, env).start()
        try:
            took = fill(server, total)
            print(f"  {backend}: {total:,} assessments filled in {took:.0f} s", flush=True)
            db = server.db()
            with db.read() as session:
                figures = kpis.compute(session, MONTH)
                assert figures["assessed"].numerator > total / 40, figures["assessed"]
                p50, p95 = timed(lambda: kpis.compute(session, MONTH), 20)
                rows.append(("a month's figures (every KPI, all courts)", backend,
                             f"p50 {p50:.0f} ms, p95 {p95:.0f} ms [{verdict(p95, 1000)}]"))
                p50, p95 = timed(lambda: dashboard_data.build(session, MONTH, "en", True), 10)
                rows.append(("a month's whole dashboard data (+12 months, trend, courts)",
                             backend, f"p50 {p50:.0f} ms, p95 {p95:.0f} ms "
                             f"[{verdict(p95, 1000)}]"))
                for lang in ("en", "both"):
                    langs = ["en", "cy"] if lang == "both" else ["en"]
                    p50, p95 = timed(lambda langs=langs: steering.render(
                        [dashboard_data.build(session, MONTH, one, True) for one in langs]), 5)
                    rows.append((f"steering report PDF in process ({lang})", backend,
                                 f"p50 {p50:.0f} ms, p95 {p95:.0f} ms [{verdict(p95, 3000)}]"))
            db.dispose()
            rows.append(("the dashboard page over TLS (3 kinds, 30 loads)", backend,
                         bench_page(server, tls)))
            rows.append(("cstr-central steering-report (whole command)", backend,
                         bench_command(server, folder)))
        finally:
            server.stop()
    finally:
        if cluster:
            stop_cluster(cluster)
    for row in rows[-6:]:
        print(f"  {row[0]} ({row[1]}): {row[2]}", flush=True)
    return rows


def bench_page(server: Server, tls) -> str:
    add_users(server)
    client = httpx.Client(base_url=server.base_url, verify=ca_context(tls.ca_file), timeout=60)
    token = client.get("/signin").cookies.get("cstr_central_signin")
    client.post("/signin", data={"username": "mared", "password": PASSWORDS["mared"],
                                 "csrf": token, "next": "/records"})
    pages = ["/dashboard?period=2026-11", "/dashboard?period=2026-11&court=mold+crown+court",
             "/dashboard?period=2026"]
    client.get(pages[0])  # the first load warms the worker (imports, templates)
    times = []
    for i in range(30):
        t0 = time.perf_counter()
        response = client.get(pages[i % len(pages)])
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200 and "svg" in response.text, response.text[:300]
    client.close()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1] * 1000
    return (f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95:.0f} ms "
            f"[{verdict(p95, 500)}]")


def bench_command(server: Server, folder: Path, runs: int = 3) -> str:
    """The whole command, as a person runs it: a new Python each time (start-up and
    imports included); the median of ``runs``, with its CPU time beside it."""
    out = folder / "steering.pdf"
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "central", "steering-report", "--month",
                               MONTH.key, "--out", str(out), "--lang", "both", "--data-dir",
                               str(folder)], env=server.env(), capture_output=True,
                              text=True, cwd=ROOT)
        walls.append((time.perf_counter() - t0) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                    * 1000)
        assert done.returncode == 0, done.stderr
    took, cpu = statistics.median(walls), statistics.median(cpus)
    size = out.stat().st_size // 1024
    return (f"median {took:.0f} ms of {runs} (CPU {cpu:.0f} ms: start-up, imports, "
            f"figures, PDF), both languages, {size} KiB [{verdict(took, 3000)}]")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.environ.pop("DATABASE_URL", None)
    work = Path(tempfile.mkdtemp(prefix="cstr-outcomes-bench-"))
    tls = make_tls(work)
    rows = []
    for backend in ("sqlite", "postgresql"):
        if args.only in (None, backend):
            rows += run_backend(backend, work, tls, args.count)
    print()
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"{args.count:,} assessments; {os.cpu_count()} cores; load average at the end "
          f"{load} (other work shares the machine: an idle one does better)")
    print_table(rows, "database")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
