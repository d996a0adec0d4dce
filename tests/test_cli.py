"""The command line exactly as contract.md section 3 says: in this process (fast), and a
handful as the real installed command (``real=True``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import cstr_desktop
from support.paths import EXAMPLES

EXAMPLE_NAMES = sorted(p.name[: -len(".expected.json")] for p in EXAMPLES.glob("*.expected.json"))


def run(*args: str, cwd: Path | None = None, real: bool = False) -> subprocess.CompletedProcess:
    return cstr_desktop(*args, cwd=cwd, real=real, env=dict(os.environ))


def test_examples_are_present():
    assert len(EXAMPLE_NAMES) >= 3


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_assess_json_gives_exactly_the_expected_result(name):
    proc = run("assess", str(EXAMPLES / f"{name}.json"), "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert json.loads(proc.stdout) == expected
    # Same keys in the same order, too.
    assert list(json.loads(proc.stdout)) == list(expected)


def test_the_installed_command_as_a_real_process():
    """The other tests run the command line in this process; these run the installed
    ``cstr-desktop`` itself: its output, exit status and one-line errors."""
    name = "example_mhtr_atr_dual"
    proc = run("assess", str(EXAMPLES / f"{name}.json"), "--json", real=True)
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout) == json.loads(
        (EXAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    proc = run("assess", "/no/such/file.json", "--json", real=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr


def test_options_may_come_before_the_file():
    proc = run("assess", "--json", str(EXAMPLES / "example_incomplete.json"))
    assert proc.returncode == 0 and json.loads(proc.stdout)["age"] == 36


def test_assess_without_json_prints_a_readable_summary():
    proc = run("assess", str(EXAMPLES / "example_mhtr_atr_dual.json"))
    assert proc.returncode == 0
    assert "Sam Example, case MK-2026-0412, age 36" in proc.stdout
    assert "AUDIT" in proc.stdout and "Possible dependence" in proc.stdout
    assert "Alcohol Treatment Requirement (ATR): eligible" in proc.stdout


def test_version():
    proc = run("--version", real=True)
    assert proc.returncode == 0
    assert proc.stdout.strip() == "cstr-desktop 0.1.0"


def write(tmp_path: Path, content: str | bytes, name: str = "answers.json") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def answers_file(answers: dict) -> str:
    return json.dumps({"schema": "cstr-answers/1", "answers": answers})


BAD_INPUTS = {
    "unknown id": (answers_file({"convicted": "yes", "custodi": 1}), "ANS_001: 'custodi'"),
    "out of range": (answers_file({"phq9_1": 4}), "ANS_004: 'phq9_1'"),
    "wrong type": (answers_file({"drr_period_months": "12"}), "ANS_002: 'drr_period_months'"),
    "bad date": (answers_file({"person_dob": "12/04/1990"}), "ANS_005: 'person_dob'"),
    "not json": ("{not json", "FILE_002"),
    "wrong schema": (json.dumps({"schema": "other/1", "answers": {}}), "FILE_003"),
    "not utf-8": (b"\xff\xfe\x00{", "FILE_002"),
    "dob after hearing": (answers_file({"person_dob": "2027-01-01",
                                        "hearing_date": "2026-11-23"}), "ANS_010: 'person_dob'"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_one_clear_line(tmp_path, case):
    content, expected = BAD_INPUTS[case]
    proc = run("assess", write(tmp_path, content), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert expected in lines[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [
    ["assess"], ["assess", "/no/such/file.json", "--json"], ["frobnicate"],
    ["assess", "x.json", "--jsn"]])
def test_usage_errors_exit_2_with_one_line(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("cstr-desktop: error: ")


def test_folder_instead_of_file(tmp_path):
    proc = run("assess", str(tmp_path), "--json")
    assert proc.returncode == 2 and "is a folder" in proc.stderr


def test_module_entry_runs_without_the_app():
    proc = subprocess.run([sys.executable, "-m", "cstr_desktop", "assess", "--json",
                           str(EXAMPLES / "example_mhtr_primary.json")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["scores"]["audit"]["band"] == "lower_risk"


def test_the_copied_examples_match_the_shared_contract_when_it_is_beside_us():
    from support.paths import SHARED_EXAMPLES

    if not SHARED_EXAMPLES.is_dir():
        pytest.skip("no ../shared beside this checkout (a fresh clone): the copies stand alone")
    shared = sorted(p.name for p in SHARED_EXAMPLES.iterdir())
    assert shared, "../shared/examples is empty"
    for name in shared:
        assert (EXAMPLES / name).read_bytes() == (SHARED_EXAMPLES / name).read_bytes(), name


def test_convicted_at_17_and_sentenced_at_18_is_not_eligible():
    result = json.loads(run("assess", str(EXAMPLES / "convicted_at_17.json"), "--json").stdout)
    assert (result["age"], result["age_at_conviction"]) == (18, 17)
    for req in result["requirements"].values():
        assert req["status"] == "not_eligible"
        assert {"id": "age_18_plus", "met": False} in req["criteria"]


def test_a_declined_assessment_is_not_assessed_whatever_else_was_recorded():
    result = json.loads(run("assess", str(EXAMPLES / "declined.json"), "--json").stdout)
    # Every other answer of the eligible MHTR example is still there ...
    assert all(c["met"] is True for c in result["requirements"]["mhtr"]["criteria"])
    # ... but no opinion can be given.
    assert {r["status"] for r in result["requirements"].values()} == {"not_assessed"}
    assert result["flags"]["assessment_declined"] is True


@pytest.mark.parametrize("conviction_date, fault", [
    ("2026-11-24", "ANS_010: 'conviction_date': 2026-11-24 is after hearing_date"),
    ("1990-04-11", "ANS_010: 'conviction_date': 1990-04-11 is before person_dob"),
])
def test_a_conviction_date_after_the_hearing_or_before_birth_is_bad_input(
        tmp_path, conviction_date, fault):
    answers = json.loads((EXAMPLES / "example_mhtr_primary.json").read_text())
    answers["answers"]["conviction_date"] = conviction_date
    proc = run("assess", write(tmp_path, json.dumps(answers)), "--json")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(f"cstr-desktop: error: {fault}")
    assert len(proc.stderr.splitlines()) == 1
