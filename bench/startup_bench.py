"""Start-up of the command line against bare processes, as ratios measured in one run.

Issue 11's goals: ``assess`` within 4x a bare ``python -c 'import json'``, and
``report FILE`` within 3x a bare reportlab process that writes one page. Runs are
interleaved so that the machine's load falls on both sides alike.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "examples" / "example_mhtr_atr_dual.json"

BARE_REPORTLAB = """
import sys
from reportlab.pdfgen.canvas import Canvas
c = Canvas(sys.argv[1]); c.drawString(72, 720, "One page"); c.showPage(); c.save()
"""


def _run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def rows(runs: int = 9) -> list[tuple[str, float, float, str]]:
    python = sys.executable
    cli = str(Path(python).parent / "cstr-desktop")
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "r.pdf")
        pairs = {
            "assess": ([python, "-c", "import json"], [cli, "assess", str(EXAMPLE), "--json"]),
            "report": ([python, "-c", BARE_REPORTLAB, out], [cli, "report", str(EXAMPLE),
                                                            "--out", out]),
        }
        for bare, ours in pairs.values():  # warm: the form cache, the OS's file cache
            _run(bare), _run(ours)
        times = {name: ([], []) for name in pairs}
        for _ in range(runs):
            for name, (bare, ours) in pairs.items():
                times[name][0].append(_run(bare))
                times[name][1].append(_run(ours))
    result = []
    for name, goal, bare_label in (("assess", 4, "python -c 'import json'"),
                                   ("report", 3, "reportlab, one page")):
        bare, ours = (sorted(t) for t in times[name])
        ratio = statistics.median(ours) / statistics.median(bare)
        result.append((f"start: bare {bare_label}", statistics.median(bare), bare[-1],
                       "reference"))
        result.append((f"start: cstr-desktop {name} (whole process)", statistics.median(ours),
                       ours[-1], f"{ratio:.1f}x the bare process (goal {goal}x)"))
    return result


if __name__ == "__main__":
    for name, median, worst, note in rows():
        print(f"{name:<50} {median:>10.1f} {worst:>10.1f}  {note}")
