"""The outcome at court (issue 13): how long recording one takes, and what the outcome
column costs the day list. Prints a table; nothing is asserted.

Run: .venv/bin/python bench/outcome_bench.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import pct, timed  # noqa: E402


def main() -> None:
    from outcome_helpers import ADJOURNED, SENTENCED, approve, listed, make_folder, sign_in

    from cstr_desktop.forms.loader import load_bundle
    from cstr_desktop.store.court_list import ListedCase

    bundle = load_bundle()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(Path(tmp))
        days = [(date(2026, 11, 25) - timedelta(days=d)).isoformat() for d in range(40)]
        with sign_in(folder, "sam") as sam:
            for n, day in enumerate(days):
                sam.import_court_list([
                    ListedCase(day, "Cardiff Magistrates' Court", str(i % 3 + 1), "10:00",
                               f"CF-{n:03d}-{i:03d}", f"Person{i}", "Carys", "1988-03-02")
                    for i in range(50)])
            sam.import_court_list([listed("CF-A")])
        approve(folder, bundle, "CF-A")
        hearing = days[0]
        with sign_in(folder, "sam") as sam:
            numbers = iter([f"CF-000-{i:03d}" for i in range(50)])
            t = timed(lambda: sam.record_outcome(bundle, next(numbers), ADJOURNED), 50)
            rows.append(("record an outcome on a listed case (starts it)", t,
                         "< 100 ms: one key press"))
            numbers = iter([f"CF-000-{i:03d}" for i in range(50)])
            t = timed(lambda: sam.record_outcome(bundle, next(numbers), SENTENCED), 50)
            rows.append(("record an outcome with the assessment (replaces one)", t, "< 100 ms"))
            t = timed(lambda: sam.record_outcome(bundle, "CF-A", SENTENCED), 50)
            rows.append(("record a signed addendum (after approval)", t, "< 100 ms"))
            t = timed(lambda: sam.cases(day=hearing), 50)
            rows.append(("list a day of 50 cases, each with its outcome", t, "< 100 ms"))
            t = timed(lambda: sam.cases(day=days[5]), 50)
            rows.append(("list a day of 50 cases, no outcomes", t, "-"))
            t = timed(lambda: sam.pending_outcome_addenda(), 20)
            rows.append(("the 50 pending addenda, as bodies to send", t, "-"))
            t = timed(lambda: sam.outcome_problems(), 5)
            rows.append(("check the 50 addenda's signatures (audit-verify)", t, "-"))
    print(f"{'measure':<55} {'median ms':>10} {'p95 ms':>8}  budget")
    print("-" * 90)
    for name, t, budget in rows:
        print(f"{name:<55} {statistics.median(t):>10.2f} {pct(t, 95):>8.2f}  {budget}")


if __name__ == "__main__":
    main()
