"""``cstr-central`` as a real process on a data folder (``python -m central``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from central_fixtures import ROOT


def cli(folder: Path, *args: str, database: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database:
        env["DATABASE_URL"] = database
    return subprocess.run([sys.executable, "-m", "central", *args, "--data-dir", str(folder)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
