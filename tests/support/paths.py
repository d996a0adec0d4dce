"""Where things are: the repository and the tests' own data."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
DATA = TESTS / "data"
# The contract's examples are facts: the tests carry their own copies, so a fresh
# clone passes alone (test_cli checks them against ../shared when it is there).
EXAMPLES = DATA / "examples"
SHARED_EXAMPLES = ROOT.parent / "shared" / "examples"
