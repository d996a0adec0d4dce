"""``cstr-desktop outcome`` and ``outcomes`` (issue 13): the court's outcome from the command
line, a bad value in one line with exit 2 and nothing kept, an addendum after approval."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from outcome_helpers import approve, list_cases, make_folder, sign_in
from support.tools import tool

CLI = tool("cstr-desktop")


def run(folder, *args, user="sam", password="assessor password"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSTR_")}
    env["CSTR_PASSWORD"] = password
    return subprocess.run([CLI, *args, "--data-dir", str(folder), "--user", user],
                          capture_output=True, text=True, timeout=60, env=env,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def folder(tmp_path, bundle):
    folder = make_folder(tmp_path)
    list_cases(folder, "CF-1", "CF-2", "CF-3")
    approve(folder, bundle, "CF-3")
    return folder


def test_record_before_and_after_approval_and_list_them(folder):
    proc = run(folder, "outcome", "CF-1", "--result", "sentenced", "--time", "1240",
               "--sentence", "community_order", "--months", "12", "--requirement", "mhtr=6",
               "--requirement", "atr=6", "--followed", "yes", "--json")
    assert proc.returncode == 0, proc.stderr
    kept = json.loads(proc.stdout)
    assert kept["kind"] == "record"
    assert kept["answers"]["outcome_date"] == "2026-11-25"  # the listed day
    assert kept["answers"]["outcome_time_sentenced"] == "12:40"
    proc = run(folder, "outcome", "CF-3", "--result", "adjourned", "--adjourned-to",
               "9/12/2026", "--reason", "other", "--reason-text", "Interpreter absent")
    assert proc.returncode == 0, proc.stderr
    assert "as signed addendum" in proc.stdout
    proc = run(folder, "outcomes", "CF-3")
    assert proc.returncode == 0, proc.stderr
    assert "2026-11-25 adjourned 2026-12-09 other  [addendum " in proc.stdout
    assert "not yet sent" in proc.stdout
    cases = json.loads(run(folder, "cases", "--date", "2026-11-25", "--json").stdout)
    outcomes = {c["case_number"]: c["outcome"] for c in cases}
    assert outcomes["CF-1"]["outcome_requirements"] == ["mhtr", "atr"]
    assert outcomes["CF-2"] is None
    assert outcomes["CF-3"]["outcome_adjournment_other"] == "Interpreter absent"
    assert run(folder, "audit-verify", user="admin", password="admin password").returncode == 0


@pytest.mark.parametrize(("args", "words"), [
    (["--result", "adjourned", "--adjourned-to", "1/1/2020", "--reason", "report_not_ready"],
     "OUT_006: 'outcome_adjourned_to': 2020-01-01 is before the hearing"),
    (["--result", "adjourned", "--adjourned-to", "31/11/2026"],
     "--adjourned-to: '31/11/2026' is not a date in the calendar"),
    (["--result", "sentenced", "--sentence", "custody", "--time", "10:00", "--followed", "no",
      "--court-said", "Too serious", "--requirement", "mhtr=6"],
     "OUT_017: 'outcome_requirements': a sentence of custody has no requirements"),
    (["--result", "sentenced", "--sentence", "community_order", "--time", "10:00",
      "--followed", "yes", "--months", "12", "--requirement", "unpaid_work=2000"],
     "OUT_016: 'outcome_length_unpaid_work': Unpaid work: 2000 is out of range; a whole "
     "number of hours from 1 to 1000"),
    (["--result", "sentenced", "--requirement", "mhtr6"], "--requirement 'mhtr6': write it"),
    (["--result", "deported"], "argument --result: invalid choice: 'deported'"),
])
def test_a_bad_value_is_one_line_exit_2_and_nothing_kept(folder, args, words):
    proc = run(folder, "outcome", "CF-2", *args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert len(proc.stderr.splitlines()) == 1 and words in proc.stderr, proc.stderr
    with sign_in(folder, "sam") as sam:
        assert sam.outcomes("CF-2") == []


def test_an_administrator_records_no_outcome(folder):
    proc = run(folder, "outcome", "CF-3", "--result", "remanded", user="admin",
               password="admin password")
    assert proc.returncode == 3 and "not allowed" in proc.stderr
