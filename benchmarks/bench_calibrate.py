"""make bench-calibrate: ABC-SMC of the typical municipality, 12 parameters against 12 targets.

Prints evaluations per second and the share of the wall time spent inside the model
(`run_one`), the rest being pyabc (proposals, weights, database), scenario validation and KPI
reduction. The issue's bar: under 20 minutes on 2 cores with at least 6 parameters and 8
targets. Never a timed test; the posterior goes to a temporary folder, not over the bundled one.

    PYTHONPATH=src python benchmarks/bench_calibrate.py [--population 200 --generations 6 --workers 2]
    PYTHONPATH=src python benchmarks/bench_calibrate.py --quick      # a 1-2 minute smoke run
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from systemsim.calibration.abc import Settings, calibrate
from systemsim.calibration.priors import calibrated_parameters
from systemsim.calibration.targets import load_targets
from systemsim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "calibration" / "finland_typical.yaml"
TARGETS = ROOT / "scenarios" / "targets" / "finland_national.yaml"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--population", type=int, default=200)
    ap.add_argument("--generations", type=int, default=6)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--history-matching", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="population 40, 2 generations")
    args = ap.parse_args()
    if args.quick:
        args.population, args.generations = 40, 2
    params = calibrated_parameters(load_scenario(SCENARIO))
    targets = load_targets(TARGETS).targets
    print(f"calibrating {SCENARIO.name}: {len(params)} parameters, {len(targets)} targets; "
          f"population {args.population}, {args.generations} generations, {args.workers} workers, "
          f"{os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(population=args.population, generations=args.generations,
                            workers=args.workers, seed=args.seed, database=str(Path(tmp) / "bench.db"),
                            history_matching=args.history_matching, timing_dir=tmp)
        start = time.perf_counter()
        result = calibrate(SCENARIO, TARGETS, settings, progress=True, out=Path(tmp) / "bench.posterior.json")
        wall = time.perf_counter() - start
        model = sum(float(x) for f in Path(tmp).glob("*.txt") for x in f.read_text().split())
        timed = sum(len(f.read_text().split()) for f in Path(tmp).glob("*.txt"))
    cores = max(1, args.workers)
    bar = "under" if wall < 1200 else "OVER"
    print(f"wall time            {wall / 60:.1f} min ({bar} the 20-minute bar, with the diagnostics page)")
    print(f"model evaluations    {timed} timed ({result.evaluations} counted by pyabc)")
    print(f"evaluations/second   {timed / wall:.2f} ({timed / wall / cores:.2f} per worker)")
    print(f"time in the model    {model / (wall * cores):.0%} of {cores} workers' wall time "
          f"({model / timed * 1000:.0f} ms per 3-year run)")
    print(f"thresholds           {', '.join(f'{e:.3g}' for e in result.epsilons)}")
    print(f"effective sample size {result.posterior.ess():.0f} of {result.posterior.size}")


if __name__ == "__main__":
    main()
