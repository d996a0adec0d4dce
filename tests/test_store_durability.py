"""A process saving answers is killed (SIGKILL) at random moments; nothing saved is lost.

Each round forks a child (after the imports, so a round costs no interpreter start)
that signs in and saves answers in a loop, writing the number of each save to a pipe
after ``save_answer`` returns. The parent kills it at
a random moment, reopens the store, and checks that every reported save is
there (the one in flight may or may not be) and that the file is intact.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time

import pytest
from support.stores import assessor_store

from cstr_desktop.form_loader import load_bundle
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store

PASSWORD = "correct horse battery"
QUESTIONS = ["mh_history", "mh_current_presentation", "physical_health", "trauma_history",
             "medication", "social_circumstances", "substance_services"]


def _child(folder: str, assessment: str, start: int, out_fd: int) -> None:
    """In the forked child (everything already imported): sign in and save in a loop,
    one line per save once ``save_answer`` has returned."""
    out = os.fdopen(out_fd, "w", buffering=1)
    bundle = load_bundle()
    store = Store.open(folder, "ann", PASSWORD, kdf=FAST_KDF_FOR_TESTS)
    out.write("ready\n")
    i = start
    while True:
        store.save_answer(bundle, assessment, QUESTIONS[i % len(QUESTIONS)],
                          f"v{i} " + "x" * (i % 300))
        out.write(f"{i}\n")
        i += 1


def _kill_while_saving(folder, assessment: str, start: int, rng: random.Random) -> list[int]:
    """One round: a forked child saves until SIGKILL; the saves it reported."""
    read_fd, write_fd = os.pipe()
    child = multiprocessing.get_context("fork").Process(
        target=_child, args=(str(folder), assessment, start, write_fd), daemon=True)
    child.start()
    os.close(write_fd)
    with os.fdopen(read_fd) as lines:
        assert lines.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        return [int(line) for line in lines.read().split() if line.isdigit()]


@pytest.mark.parametrize("rounds", [
    10,  # the quick run
    pytest.param(100, marks=pytest.mark.slow),  # CI's run
])
@pytest.mark.timeout(300)  # 100 rounds: about 20 s here, more on a slow runner
def test_sigkill_while_saving_loses_nothing_that_was_saved(tmp_path, rounds):
    folder = tmp_path / "data"
    bundle = load_bundle()
    with assessor_store(folder, "ann", PASSWORD) as store:
        assessment = store.create_assessment(bundle, "KILL-1")
    rng = random.Random(20261125)
    last_saved: dict[str, int] = {}
    next_i = 0
    for _ in range(rounds):
        reported = _kill_while_saving(folder, assessment, next_i, rng)
        for i in reported:
            last_saved[QUESTIONS[i % len(QUESTIONS)]] = i
        in_flight = (reported[-1] + 1) if reported else next_i
        with Store.open(folder, "ann", PASSWORD, kdf=FAST_KDF_FOR_TESTS) as store:
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            answers = store.answers(assessment)
            for name, i in last_saved.items():
                stored = int(answers[name].split()[0][1:])
                allowed = {i, in_flight} if QUESTIONS[in_flight % len(QUESTIONS)] == name else {i}
                assert stored in allowed, (name, stored, allowed)
            flight_name = QUESTIONS[in_flight % len(QUESTIONS)]
            if flight_name in answers and answers[flight_name].startswith(f"v{in_flight} "):
                # The save in flight had committed when the kill came.
                last_saved[flight_name] = in_flight
            assert store.verify_audit().ok
        next_i = in_flight + 1
    # The test really did interrupt a stream of saves many times.
    assert len(last_saved) == len(QUESTIONS)
    assert next_i > rounds * 5
