"""How long the leaders' dashboard takes to answer a what-if (issue 8: under 2 s on 2 cores).

A municipality (the typical Finnish one), 10 replications of 5 years. The base run is cached
when the dashboard opens; the answer is the time from moving a control (social workers 7 -> 9,
then the cap, the way of working and early support) until every number and the open figure
are redrawn. Then the same moves with "+ parameter uncertainty" (each replication on a
posterior draw, issue "Calibration with uncertainty"). Prints one line per move and the
median of each:

    bench dashboard_answer uncertainty=stochastic seconds=...
    bench dashboard_answer uncertainty=parameters seconds=...

Run: `PYTHONPATH=src python benchmarks/bench_dashboard.py` (or `make bench-dashboard`).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from systemsim.ui.dashboard import Dashboard  # noqa: E402


def main() -> int:
    t0 = time.perf_counter()
    dash = Dashboard(years=5, replications=10)
    opened = time.perf_counter() - t0
    print(f"bench dashboard_open seconds={opened:.3f} (includes the cached base run)")
    moves = [("social_workers", 9), ("caseload_cap", 25), ("way_of_working", "systemic"),
             ("early_support_places", 60), ("social_workers", 6)]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    for uncertainty in ("stochastic", "parameters"):
        if uncertainty == "parameters":  # the switch itself reruns base and what-if on draws
            t = time.perf_counter()
            dash.controls["uncertainty"].value = uncertainty
            print(f"bench dashboard_switch uncertainty=parameters seconds="
                  f"{time.perf_counter() - t:.3f} (base and what-if, posterior draws)")
        times = []
        for name, value in moves:
            t = time.perf_counter()
            dash.controls[name].value = value
            seconds = time.perf_counter() - t
            times.append(seconds)
            print(f"bench dashboard_move {name}={value} uncertainty={uncertainty} "
                  f"seconds={seconds:.3f}")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"bench dashboard_answer uncertainty={uncertainty} "
              f"seconds={statistics.median(times):.3f} max={max(times):.3f} "
              f"replications=10 years=5 cores={cores} load1={load:.2f}")
        dash.reset()
    return 0


if __name__ == "__main__":
    sys.exit(main())
