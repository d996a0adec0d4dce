"""Measure the app's performance and print a table against the design budgets.

Run: .venv/bin/python bench/run.py
Timings are wall-clock on this machine; each row reports the median and p95
(or p99) of repeated runs. Nothing here is asserted: it is read by people.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "data" / "examples"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import answer_saver, pct, timed  # noqa: E402


def main() -> None:
    from cstr_desktop.forms.answers import read_answers_file
    from cstr_desktop.forms.interview import InterviewState
    from cstr_desktop.forms.loader import FormLibrary, load_bundle

    rows = []
    t = timed(lambda: FormLibrary.load(), 20)
    rows.append(("load and check every form file", statistics.median(t), pct(t, 95), "tail = p95"))

    bundle = load_bundle()
    answers = read_answers_file(EXAMPLES / "example_mhtr_atr_dual.json", bundle)

    def full_state():
        state = InterviewState(bundle, answers)
        state.result()
        state.sections()
        state.progress()

    t = timed(full_state, 500)
    rows.append(("interview state after one answer (all outputs)", statistics.median(t),
                 pct(t, 95), "tail = p95; part of the 30 ms page switch"))

    cli = str(Path(sys.executable).parent / "cstr-desktop")
    example = str(EXAMPLES / "example_mhtr_atr_dual.json")

    def run_assess():
        out = subprocess.run([cli, "assess", example, "--json"], capture_output=True, check=True)
        json.loads(out.stdout)

    t = timed(run_assess, 10)
    rows.append(("whole process: cstr-desktop assess --json", statistics.median(t), pct(t, 95),
                 "-"))
    sys.path.insert(0, str(Path(__file__).parent))
    from startup_bench import rows as startup_rows

    rows.extend(startup_rows())

    import tempfile

    from cstr_desktop.store.session import Store

    with tempfile.TemporaryDirectory() as tmp:
        with Store.create(Path(tmp) / "data", "admin", "bench password 1") as admin:
            admin.add_account("bench", "bench password 1", "assessor")
        store = Store.open(Path(tmp) / "data", "bench", "bench password 1")
        assessment = store.create_assessment(bundle, "BENCH-1")
        t = timed(answer_saver(store, bundle, assessment), 1000)
        rows.append(("save one answer (durable, audit entry signed)", statistics.median(t),
                     pct(t, 99), "tail = p99; budget p99 < 5 ms"))
        store.close()

    rows.extend(report_rows(bundle))
    sys.path.insert(0, str(Path(__file__).parent))
    from ui_bench import rows as ui_rows

    rows.extend(ui_rows())
    rows.extend(scale_rows())
    from trust_bench import rows as trust_rows

    rows.extend(trust_rows())
    if "--no-soak" not in sys.argv:
        rows.extend(soak_rows())

    print(f"{'measure':<50} {'median ms':>10} {'tail ms':>10}  budget")
    print("-" * 100)
    for name, median, p95, budget in rows:
        print(f"{name:<50} {median:>10.2f} {p95:>10.2f}  {budget}")


def report_rows(bundle) -> list[tuple[str, float, float, str]]:
    """The full court report rendered in process, and the whole report command."""
    import tempfile

    from cli.demo import DUAL
    from reports.court_report import render
    from reports.snapshot import ReportContext, build_snapshot

    answers = {**DUAL, "person_family_name": "Gwilym", "person_given_names": "Siân",
               "person_dob": "1988-03-02", "hearing_date": "2026-11-25",
               "case_number": "CF-1", "court_name": "Cardiff Magistrates' Court"}
    context = ReportContext(status="approved", assessor="ann", countersigned_by="rita",
                            countersigned_at="2026-11-25T11:40:00+00:00")
    render(build_snapshot(bundle, answers, context, "both", "2026-11-25T12:00:00"))  # warm

    def full():
        render(build_snapshot(bundle, answers, context, "en", "2026-11-25T12:00:00"))

    def provider():  # the fullest copy: the whole clinical picture
        render(build_snapshot(bundle, answers, context, "en", "2026-11-25T12:00:00",
                              "provider"))

    def bilingual():
        render(build_snapshot(bundle, answers, context, "both", "2026-11-25T12:00:00"))

    rows = []
    t = timed(full, 30)
    rows.append(("render the court's copy (snapshot + PDF)", statistics.median(t),
                 pct(t, 95), "< 150 ms in process"))
    t = timed(provider, 30)
    rows.append(("render the provider's copy (the fullest)", statistics.median(t),
                 pct(t, 95), "< 150 ms in process"))
    t = timed(bilingual, 30)
    rows.append(("render the bilingual court copy", statistics.median(t), pct(t, 95), "-"))
    rows.extend(long_text_rows(bundle, context))
    cli = str(Path(sys.executable).parent / "cstr-desktop")
    with tempfile.TemporaryDirectory() as tmp:
        example = str(EXAMPLES / "example_mhtr_atr_dual.json")
        out = str(Path(tmp) / "r.pdf")
        t = timed(lambda: subprocess.run([cli, "report", example, "--out", out],
                                         capture_output=True, check=True), 10)
    rows.append(("whole process: cstr-desktop report FILE", statistics.median(t), pct(t, 95),
                 "-"))
    return rows


def long_text_rows(bundle, context) -> list[tuple[str, float, float, str]]:
    """Each reader's copy with every text answer at its form's maximum length, and the
    provider's (the fullest: it holds the risk note) with one answer of 10,000 short
    lines."""
    from cli.demo import longest_answers
    from reports.court_report import render
    from reports.snapshot import build_snapshot

    longest = longest_answers(bundle)
    size = bundle.questions["risk_to_self"].max_length
    lines = {**longest_answers(bundle), "risk_to_self": ("x\n" * 10_000)[:size]}
    rows = []
    for reader in bundle.reader_ids() or [None]:
        t = timed(lambda reader=reader: render(build_snapshot(
            bundle, longest, context, "en", "2026-11-25T12:00:00", reader)), 5)
        rows.append((f"{reader or 'the'} copy, every text field at its maximum",
                     statistics.median(t), pct(t, 95), "< 2 s in process (was a LayoutError)"))
    t = timed(lambda: render(build_snapshot(bundle, lines, context, "en",
                                            "2026-11-25T12:00:00", "provider")), 3)
    rows.append(("... provider's, one answer of 10,000 short lines", statistics.median(t),
                 pct(t, 95), "- (was 54 s)"))
    return rows


def soak_rows() -> list[tuple[str, float, float, str]]:
    """The whole-day soak test (tests/test_soak.py), timed as a whole process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_soak.py"], cwd=ROOT, capture_output=True, text=True,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    elapsed = (time.perf_counter() - start) * 1000
    verdict = "passed" if done.returncode == 0 else "FAILED"
    return [(f"soak: a whole court day, 8 defendants ({verdict})", elapsed, elapsed,
             "under about 5 minutes")]


def scale_rows() -> list[tuple[str, float, float, str]]:
    """Open, list and search with 50,000 assessments stored."""
    import random
    import tempfile

    sys.path.insert(0, str(Path(__file__).parent))
    from store_scale import FAMILY, GIVEN, PASSWORD, build

    from cstr_desktop.store.court_list import fold
    from cstr_desktop.store.session import Store
    from cstr_desktop.trust.key_wrap import DEFAULT_KDF
    from cstr_desktop.trust.key_wrap import derive as _derive

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        day = build(folder).isoformat()
        Store.open(folder, "bench", PASSWORD).close(backup=False)  # a clean close

        def open_and_list() -> float:
            start = time.perf_counter()
            store = Store.open(folder, "bench", PASSWORD)
            assert len(store.cases(day=day)) == 50
            elapsed = (time.perf_counter() - start) * 1000
            store.close(backup=False)  # checked and clean: the next open is a normal one
            return elapsed

        t = timed(lambda: _derive(PASSWORD, b"0" * 16, DEFAULT_KDF), 10)
        kdf = statistics.median(t)
        rows.append(("sign-in key derivation alone (argon2id)", kdf, pct(t, 95),
                     "deliberately slow; part of every open"))
        t = sorted(open_and_list() for _ in range(10))
        rows.append(("open store + list a day, 50,000 stored", statistics.median(t), pct(t, 95),
                     f"< 100 ms; without the key derivation: {statistics.median(t) - kdf:.1f}"))
        store = Store.open(folder, "bench", PASSWORD)
        t = timed(lambda: store.cases(day=day), 50)
        rows.append(("list a day's cases, store open, 50,000 stored", statistics.median(t),
                     pct(t, 95), "-"))
        rng = random.Random(7)
        words = [fold(w) for w in FAMILY + GIVEN for w in w.split()]
        queries = ([w[: rng.randint(2, len(w))] for w in rng.choices(words, k=150)]
                   + [f"CF-{rng.randint(0, 49999):07d}"[: rng.randint(4, 10)] for _ in range(50)])
        queries_iter = iter(queries * 2)
        t = timed(lambda: store.cases(search=next(queries_iter)), len(queries))
        rows.append(("search names / case numbers, 50,000 stored", statistics.median(t),
                     pct(t, 95), "tail = p95; budget p95 < 20 ms"))
        store.close(backup=False)
        store = Store.open(folder, "bench", PASSWORD)
        t = timed(lambda: store.close(), 1)
        rows.append(("close with check and encrypted backup, 50,000", t[0], t[0], "-"))
    return rows


if __name__ == "__main__":
    main()
