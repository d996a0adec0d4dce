"""The one-folder bundle beside the venv: its size, and whole-process start-up times.

Build the bundle first (``bash packaging/build``). Prints a table.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "cstr-desktop"
EXAMPLE = ROOT / "tests" / "data" / "examples" / "example_mhtr_primary.json"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def timed(cmd: list[str], runs: int = 7, **kwargs) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[-1]


def rows() -> list[tuple[str, float, float, str]]:
    exe = BUNDLE / "cstr-desktop"
    if not exe.exists():
        raise SystemExit("no bundle: run 'bash packaging/build' first")
    venv = [str(Path(sys.executable).parent / "cstr-desktop")]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": tmp}
        for label, args in (("--version", ["--version"]),
                            ("assess --json", ["assess", str(EXAMPLE), "--json"]),
                            ("app to the sign-in window",
                             ["--check-start", "--data-dir", str(Path(tmp) / "d")])):
            for where, cmd in (("bundle", [str(exe)]), ("venv", venv)):
                median, worst = timed(cmd + args, env=env, cwd=tmp)
                out.append((f"{where}: {label} (whole process)", median, worst, ""))
    size = folder_size(BUNDLE) / 2**20
    out.append(("bundle size on disk (MiB)", size, size, "one folder, no Python needed"))
    return out


if __name__ == "__main__":
    print(f"{'measure':<52} {'median ms':>10} {'worst ms':>10}")
    for name, median, worst, note in rows():
        print(f"{name:<52} {median:>10.1f} {worst:>10.1f}  {note}")
