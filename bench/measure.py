"""What every bench script shares: timing a task, percentiles, the results table and
the repeated-save workload. Timings are wall-clock milliseconds; nothing is asserted."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Run ``fn`` ``repeat`` times; the times in milliseconds, sorted."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def pct(times: list[float], p: float) -> float:
    """The ``p``th percentile of sorted times (nearest rank)."""
    return times[min(len(times) - 1, int(round(p / 100 * (len(times) - 1))))]


def print_table(rows: Iterable[tuple[str, str, str]], second: str) -> None:
    """Rows of (measure, second column, result) under a header naming the second."""
    rows = list(rows)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {second:<10}  result")
    print(f"{'-' * width}  {'-' * 10}  {'-' * 40}")
    for measure, column, result in rows:
        print(f"{measure:<{width}}  {column:<10}  {result}")


def answer_saver(store, bundle, assessment: str) -> Callable[[], None]:
    """A task saving one answer each call, cycling through a note, a PHQ-9 item, a
    yes/no and a number, as an interview does."""
    counter = iter(range(10 ** 9))
    names = ["mh_history", "phq9_1", "convicted", "drr_period_months"]
    values = {"mh_history": lambda i: f"note {i}", "phq9_1": lambda i: i % 4,
              "convicted": lambda i: ("yes", "no")[i % 2],
              "drr_period_months": lambda i: 1 + i % 36}

    def save_one() -> None:
        i = next(counter)
        name = names[i % len(names)]
        store.save_answer(bundle, assessment, name, values[name](i))

    return save_one
