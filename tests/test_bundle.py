"""The one-folder bundle (packaging/): built with PyInstaller and run as a court laptop would.

Slow (the build takes a minute or two), so it runs in CI's full run
(``bash scripts/test --all``), not in the quick default run.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from support.paths import EXAMPLES, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

BUNDLE = ROOT / "dist" / "cstr-desktop"
EXE = BUNDLE / "cstr-desktop"


@pytest.fixture(scope="module")
def bundle() -> Path:
    proc = subprocess.run(["bash", str(ROOT / "packaging" / "build")], capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    assert EXE.exists()
    return EXE


def run(exe: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess:
    # The bundle must not lean on the checkout: run it from elsewhere, without the venv.
    clean = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120,
                          env={**clean, **(env or {})}, cwd=cwd)


def test_version(bundle, tmp_path):
    proc = run(bundle, "--version", cwd=tmp_path)
    assert (proc.returncode, proc.stdout.strip()) == (0, "cstr-desktop 0.1.0")


def test_assess_gives_the_contract_result(bundle, tmp_path):
    proc = run(bundle, "assess", str(EXAMPLES / "example_mhtr_atr_dual.json"), "--json",
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    expected = json.loads((EXAMPLES / "example_mhtr_atr_dual.expected.json").read_text())
    assert json.loads(proc.stdout) == expected


def test_report_writes_a_pdf_with_every_font_embedded(bundle, tmp_path):
    out = tmp_path / "r.pdf"
    proc = run(bundle, "report", str(EXAMPLES / "example_mhtr_primary.json"), "--out", str(out),
               cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb column
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Sam" in text and "Example" in text


def test_demo_store_then_cases(bundle, tmp_path):
    data = tmp_path / "data"
    proc = run(bundle, "demo", "--data-dir", str(data), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run(bundle, "cases", "--json", "--data-dir", str(data), "--user", "demo-assessor",
               env={"CSTR_PASSWORD": "demo-assessor-password"}, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    cases = json.loads(proc.stdout)
    assert len(cases) >= 8 and {"case_number", "family_name", "status"} <= set(cases[0])


def test_the_app_comes_up_to_its_sign_in_window(bundle, tmp_path):
    proc = run(bundle, "--check-start", "--data-dir", str(tmp_path / "data"),
               env={"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "the sign-in window is up" in proc.stdout
