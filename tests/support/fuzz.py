"""How many examples a Hypothesis test draws.

The quick run (``bash scripts/test``) draws a tenth of each test's full count (at least
ten); CI's run (``bash scripts/test --all``, which sets ``CSTR_FUZZ=full``) draws them
all. Every fuzz test carries the ``fuzz`` marker, so ``-m fuzz`` picks them out.
Examples are drawn the same way on every run (conftest's ``repeatable`` profile).
"""

from __future__ import annotations

import os

FULL = os.environ.get("CSTR_FUZZ") == "full"


def examples(full: int) -> int:
    """``full`` in the full run, a tenth of it (at least ten) in the quick one."""
    return full if FULL else min(full, max(10, full // 10))
