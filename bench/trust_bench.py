"""Measure what trust costs: sign-in, a signed save, countersigning, audit-verify over
500,000 signed entries, and re-keying a store of 50,000 assessments.

Run alone (``.venv/bin/python bench/trust_bench.py [ENTRIES]``) or through bench/run.py.
The 500,000 entries are generated in bulk, each hashed into the chain and signed by its
actor exactly as the store signs them (going through the store one by one would take
many minutes and measure nothing new).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import answer_saver, pct, timed  # noqa: E402


def small_store_rows() -> list[tuple[str, float, float, str]]:
    from support.reporting import full_answers

    from cstr_desktop.forms.loader import load_bundle
    from cstr_desktop.store.session import Store

    bundle = load_bundle()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        with Store.create(folder, "admin", "admin password") as admin:
            admin.add_account("sam", "assessor password", "assessor")
            admin.add_account("rita", "reviewer password", "reviewer")

        def sign_in():
            Store.open(folder, "sam", "assessor password").close(backup=False)

        t = timed(sign_in, 20)
        rows.append(("sign in (key slot, certificates, key-file mark)", statistics.median(t),
                     pct(t, 95), "argon2id included; part of the 100 ms open"))
        store = Store.open(folder, "sam", "assessor password")
        ids = []
        for i in range(12):
            a = store.create_assessment(bundle, f"CF-{i}")
            store.import_answers(bundle, a, full_answers())
            store.submit_for_review(a)
            ids.append(a)
        assessment = store.create_assessment(bundle, "BENCH-1")
        t = timed(answer_saver(store, bundle, assessment), 1000)
        rows.append(("save one answer, durable, audit entry signed", statistics.median(t),
                     pct(t, 99), "tail = p99; budget p99 < 5 ms"))
        store.close(backup=False)
        rita = Store.open(folder, "rita", "reviewer password")
        pending = iter(ids)
        t = timed(lambda: rita.countersign(next(pending), "reviewer password"), 10)
        rows.append(("countersign (password, checks, signed step)", statistics.median(t),
                     pct(t, 95), "argon2id of the password included"))
        from reports.record import freeze_final_reports

        pending = iter(ids[:10])
        t = timed(lambda: freeze_final_reports(rita, rita.assessment(next(pending)),
                                               "2026-12-03T10:00:00+00:00"), 10)
        rows.append(("keep the final report (3 languages, signature checked)",
                     statistics.median(t), pct(t, 95), "after countersigning, in the app"))
        t = timed(lambda: rita.find_verification("AAAA-BBBB-CCCC-DDDD"), 20)
        rows.append(("verify CODE (not found)", statistics.median(t), pct(t, 95), "-"))
        rita.close(backup=False)
    return rows


def build_trail(store, entries: int) -> None:
    """Append ``entries`` signed entries to the store's trail in bulk."""
    from cstr_desktop.trust.audit_chain import entry_hash
    from cstr_desktop.trust.signatures import audit_payload, b64, canonical

    count, head = store.unit.head()
    at = store.unit.now()
    batch = []
    key = store._signing_key
    with store.db.atomic():
        for seq in range(count + 1, count + entries + 1):
            entry = {"seq": seq, "id": str(uuid.uuid4()), "at": at, "actor": store.user.id,
                     "action": "view", "entity": "assessment", "entity_id": "x",
                     "field": None, "old": None, "new": None, "reason": None,
                     "prev_hash": head}
            entry["hash"] = head = entry_hash(entry)
            entry["signer"] = store.user.id
            entry["signature"] = b64(key.sign(canonical(audit_payload(head))))
            batch.append(entry)
            if len(batch) == 20_000:
                store.db["audit"].insert_all(batch)
                batch = []
        if batch:
            store.db["audit"].insert_all(batch)
        store.db["meta"].upsert_all([{"key": "audit_head", "value": head},
                                     {"key": "audit_count", "value": str(count + entries)}],
                                    pk="key")
    store.checkpoint()


def audit_rows(entries: int = 500_000) -> list[tuple[str, float, float, str]]:
    from cstr_desktop.store.session import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        store = Store.create(folder, "admin", "admin password")
        start = time.perf_counter()
        build_trail(store, entries)
        built = time.perf_counter() - start
        start = time.perf_counter()
        report = store.verify_audit()
        elapsed = (time.perf_counter() - start) * 1000
        assert report.ok and report.signed == report.entries, report.problem
        store.close(backup=False)
    return [(f"audit-verify, {entries:,} signed entries", elapsed, elapsed,
             f"{elapsed / entries * 1000:.0f} µs an entry; built in {built:.0f} s")]


def rekey_rows() -> list[tuple[str, float, float, str]]:
    sys.path.insert(0, str(Path(__file__).parent))
    from store_scale import PASSWORD, build

    from cstr_desktop.store.session import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        build(folder)
        store = Store.open(folder, "bench", PASSWORD)
        size = (folder / "store.db").stat().st_size / 1024 / 1024
        t = timed(store.rekey, 1)
        store.close()  # one backup now
        store = Store.open(folder, "bench", PASSWORD)
        t2 = timed(store.rekey, 1)
        store.close(backup=False)
    return [(f"rekey, 50,000 assessments ({size:.0f} MiB)", t[0], t[0], "no backup kept"),
            ("rekey, 50,000 assessments, with one backup", t2[0], t2[0],
             "the store and each backup re-encrypted")]


def rows(entries: int = 500_000) -> list[tuple[str, float, float, str]]:
    return small_store_rows() + rekey_rows() + audit_rows(entries)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
    print(f"{'measure':<55} {'median ms':>10} {'tail ms':>10}  note")
    print("-" * 110)
    for name, median, tail, note in rows(count):
        print(f"{name:<55} {median:>10.2f} {tail:>10.2f}  {note}")
