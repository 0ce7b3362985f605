"""Where a county run spends its time: the figures of benchmarks/README.md, "Where the county's
time goes now" (`make bench-profile`).

Prints one line per phase of the weekly step (timers around the model's own methods), the
model stepped with and without Mesa's agent registration (to measure what Mesa's lifecycle of
the family agents costs), and how many Python calls cProfile counts in one run.
"""

from __future__ import annotations

import cProfile
import itertools
import pstats
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import mesa
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workloads import workload  # noqa: E402

from systemsim.model import ChildProtectionModel  # noqa: E402
from systemsim.model.agents import Family  # noqa: E402

WEEKS = 520
PHASES = ("_count_year_start", "rebuild_worker_index", "_arrivals", "_run_due_events",
          "_further_notifications", "process_intake")


def phases(seed: int = 0) -> tuple[float, Counter]:
    """Wall seconds of 520 weeks of model stepping, and of each phase of the step."""
    model = ChildProtectionModel(workload("county"), seed=np.random.SeedSequence([7, seed]))
    spent: Counter = Counter()

    def timed(owner, name: str) -> None:
        method = getattr(owner, name)

        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start

        setattr(owner, name, run)

    for name in PHASES:
        timed(model, name)
    timed(model.staff, "step")
    timed(model.recorder, "end_week")
    start = time.perf_counter()
    model.run_weeks(WEEKS)
    total = time.perf_counter() - start
    model.release()
    return total, spent


def stepping(runs: int = 3) -> float:
    """Median CPU seconds of 520 weeks of model stepping (the model built outside the clock)."""
    times = []
    for seed in range(runs):
        model = ChildProtectionModel(workload("county"), seed=np.random.SeedSequence([7, seed]))
        start = time.process_time()
        model.run_weeks(WEEKS)
        times.append(time.process_time() - start)
        model.release()
    return statistics.median(times)


def without_mesa_registration(runs: int = 3) -> float:
    """`stepping()` with families that skip Mesa's register/deregister (an experiment only:
    such families are not in `model.agents`)."""
    ids = itertools.count()
    original_init, original_remove = mesa.Agent.__init__, Family.remove

    def bare_init(self, model, *args, **kwargs):
        if not isinstance(self, Family):
            return original_init(self, model, *args, **kwargs)
        self.model, self.unique_id, self.pos = model, next(ids), None

    mesa.Agent.__init__ = bare_init
    Family.remove = lambda self: None
    try:
        return stepping(runs)
    finally:
        mesa.Agent.__init__ = original_init
        Family.remove = original_remove


def python_calls() -> int:
    model = ChildProtectionModel(workload("county"), seed=np.random.SeedSequence([7, 0]))
    profile = cProfile.Profile()
    profile.runcall(model.run_weeks, WEEKS)
    return sum(stat[1] for stat in pstats.Stats(profile).stats.values())  # primitive + recursive


def main() -> int:
    total, spent = phases()
    print(f"# county, model stepping for {WEEKS} weeks, per-phase timers (cyclic GC on)")
    print(f"phase total seconds={total:.3f}")
    for name, seconds in spent.most_common():
        print(f"phase {name} seconds={seconds:.3f}")
    with_mesa, bare = stepping(), without_mesa_registration()
    print("# the same stepping, CPU seconds, median of 3, with and without Mesa registering "
          "and removing each family agent")
    print(f"mesa_lifecycle with={with_mesa:.3f} without={bare:.3f} "
          f"cost={with_mesa - bare:.3f} share={(with_mesa - bare) / with_mesa:.0%}")
    print(f"python_calls county_run={python_calls():,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
