"""A process saving answers is killed (SIGKILL) at random moments; nothing saved is lost.

Each round starts a child that signs in and saves answers in a loop, printing
the number of each save after ``save_answer`` returns. The parent kills it at
a random moment, reopens the store, and checks that every reported save is
there (the one in flight may or may not be) and that the file is intact.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from support.stores import assessor_store

from cstr_desktop.form_loader import load_bundle
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store

PASSWORD = "correct horse battery"
QUESTIONS = ["mh_history", "mh_current_presentation", "physical_health", "trauma_history",
             "medication", "social_circumstances", "substance_services"]
ROUNDS = 100

CHILD = textwrap.dedent("""
    import sys
    from cstr_desktop.form_loader import load_bundle
    from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
    from cstr_desktop.store import Store
    folder, assessment, start = sys.argv[1], sys.argv[2], int(sys.argv[3])
    names = sys.argv[4].split(",")
    bundle = load_bundle()
    store = Store.open(folder, "ann", "correct horse battery", kdf=FAST_KDF_FOR_TESTS)
    print("ready", flush=True)
    i = start
    while True:
        store.save_answer(bundle, assessment, names[i % len(names)], f"v{i} " + "x" * (i % 300))
        print(i, flush=True)
        i += 1
""")


@pytest.mark.slow
@pytest.mark.timeout(300)  # 100 child processes: about 40 s here, more on a slow runner
def test_sigkill_while_saving_loses_nothing_that_was_saved(tmp_path):
    folder = tmp_path / "data"
    bundle = load_bundle()
    with assessor_store(folder, "ann", PASSWORD) as store:
        assessment = store.create_assessment(bundle, "KILL-1")
    rng = random.Random(20261125)
    last_saved: dict[str, int] = {}
    next_i = 0
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(folder), assessment, str(next_i),
             ",".join(QUESTIONS)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        reported = [int(line) for line in child.stdout.read().split() if line.isdigit()]
        child.stdout.close()
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
    assert next_i > ROUNDS * 5
